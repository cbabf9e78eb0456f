//! Group commit for new comments. A disk sync costs milliseconds; a comment's rows cost
//! microseconds. One task takes the comments waiting at that moment (up to [`MAX_BATCH`]), writes
//! them in one transaction and answers each caller after the commit, so a burst of comments shares
//! one sync and nobody is told "stored" before their comment is on disk.

use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use crate::comments::insert_new_comment;
use crate::webhooks::{Subscription, Subscriptions};
use crate::{Backend, Comment, Error, NewComment, Result};

/// The most comments written in one transaction.
pub const MAX_BATCH: usize = 64;

/// How many comments may wait for the writer before callers wait to hand theirs over.
const QUEUE: usize = 1024;

struct Job {
    comment: NewComment,
    done: oneshot::Sender<Result<Comment>>,
}

/// The handle to the writing task; cheap to clone. The task ends when every handle is dropped.
#[derive(Debug, Clone)]
pub(crate) struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writing task on the current runtime.
    pub(crate) fn start(pool: AnyPool, backend: Backend, subscriptions: Subscriptions) -> Writer {
        let (jobs, waiting) = mpsc::channel(QUEUE);
        tokio::spawn(run(pool, backend, subscriptions, waiting));
        Writer { jobs }
    }

    /// Stores one comment and waits for its commit.
    pub(crate) async fn write(&self, comment: NewComment) -> Result<Comment> {
        let (done, answer) = oneshot::channel();
        self.jobs
            .send(Job { comment, done })
            .await
            .map_err(|_| Error::WriterStopped)?;
        answer.await.map_err(|_| Error::WriterStopped)?
    }
}

async fn run(
    pool: AnyPool,
    backend: Backend,
    subscriptions: Subscriptions,
    mut waiting: mpsc::Receiver<Job>,
) {
    while let Some(first) = waiting.recv().await {
        let hooks = &subscriptions;
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match waiting.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let comments: Vec<&NewComment> = batch.iter().map(|job| &job.comment).collect();
        match write_batch(&pool, backend, hooks, &comments).await {
            Ok(stored) => {
                for (job, comment) in batch.into_iter().zip(stored) {
                    let _ = job.done.send(Ok(comment));
                }
            }
            // One bad comment must not sink the others: write each alone, with its own answer.
            Err(_) if batch.len() > 1 => {
                for job in batch {
                    let result = write_batch(&pool, backend, hooks, &[&job.comment])
                        .await
                        .map(|mut stored| stored.remove(0));
                    let _ = job.done.send(result);
                }
            }
            Err(error) => {
                if let Some(job) = batch.pop() {
                    let _ = job.done.send(Err(error));
                }
            }
        }
    }
}

async fn write_batch(
    pool: &AnyPool,
    backend: Backend,
    hooks: &[Subscription],
    comments: &[&NewComment],
) -> Result<Vec<Comment>> {
    // SQLite: holding the write lock from the start, the limits a comment is checked against
    // cannot change before it is written (PostgreSQL instances take turns with a lock instead).
    let mut tx = crate::begin_write(pool, backend).await?;
    let mut stored = Vec::with_capacity(comments.len());
    for comment in comments {
        stored.push(insert_new_comment(&mut tx, hooks, comment).await?);
    }
    tx.commit().await?;
    Ok(stored)
}

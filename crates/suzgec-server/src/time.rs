//! Times as the API writes them (RFC 3339, UTC) and as pages show them (local, in words).

use chrono::{DateTime, Datelike, FixedOffset, Offset, SecondsFormat, Timelike, Utc};

use crate::i18n::Ui;

fn utc(millis: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(millis).unwrap_or_default()
}

/// RFC 3339 in UTC, to the millisecond: `2026-11-26T21:03:00.000Z`.
pub fn rfc3339(millis: i64) -> String {
    utc(millis).to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A time for a page: `26 Kasım 2026, 21:03` or `26 November 2026, 21:03`, at an offset from UTC.
pub fn display(millis: i64, offset_minutes: i32, ui: &Ui) -> String {
    let offset = FixedOffset::east_opt(offset_minutes.saturating_mul(60)).unwrap_or(Utc.fix());
    let local = utc(millis).with_timezone(&offset);
    let month = ui.months[local.month0() as usize];
    format!(
        "{} {} {}, {:02}:{:02}",
        local.day(),
        month,
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// A day number (days since 1970-01-01) as `2026-11-26`.
pub fn day(days: i64) -> String {
    utc(days.saturating_mul(86_400_000))
        .format("%Y-%m-%d")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, TR};

    #[test]
    fn times_show_in_the_page_language_at_the_offset() {
        // 2026-11-26T21:03:00Z
        let millis = 1_795_726_980_000;
        assert_eq!(rfc3339(millis), "2026-11-26T21:03:00.000Z");
        assert_eq!(display(millis, 180, &TR), "27 Kasım 2026, 00:03");
        assert_eq!(display(millis, 0, &EN), "26 November 2026, 21:03");
        assert_eq!(day(millis / 86_400_000), "2026-11-26");
    }
}

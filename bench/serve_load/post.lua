-- wrk script for bench/serve_load.sh: POSTs JSON bodies built from a file of JSON string
-- literals (one a line: a comment text), round-robin from a different start in each thread.
--   BENCH_MODE=moderate  body {"text": TEXT}
--   BENCH_MODE=comment   body {"author": "okur-T-N", "text": TEXT} (a new author each request,
--                        so neither the per-author limit nor the duplicate check refuses it)
--   BENCH_SPREAD=1       adds X-Forwarded-For with another address each request
-- At the end it prints one line: RESULT requests=N seconds=S rps=R p50_ms=.. p99_ms=.. ok=N bad=N
-- errors=N (ok: 2xx answers, bad: other statuses, errors: connect/read/write/timeout).

local texts = {}
local mode = os.getenv("BENCH_MODE") or "moderate"
local spread = os.getenv("BENCH_SPREAD") == "1"
local file = assert(io.open(os.getenv("BENCH_TEXTS"), "r"))
for line in file:lines() do
  if #line > 0 then texts[#texts + 1] = line end
end
file:close()
assert(#texts > 0, "no texts in BENCH_TEXTS")

local threads = {}
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("tid", thread_counter)
  table.insert(threads, thread)
end

-- Globals, so that done() can read them from each thread with thread:get.
index, sent, ok, bad = 0, 0, 0, 0

function init(args)
  index = (tid or 1) * 37
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local token = os.getenv("BENCH_TOKEN")
  if token and #token > 0 then
    wrk.headers["Authorization"] = "Bearer " .. token
  end
end

function request()
  index = index + 1
  sent = sent + 1
  local text = texts[(index % #texts) + 1]
  local body
  if mode == "comment" then
    body = '{"author":"okur-' .. tid .. '-' .. sent .. '-' .. os.time() .. '","text":' .. text .. '}'
  else
    body = '{"text":' .. text .. '}'
  end
  local headers = nil
  if spread then
    -- Another client address each request (198.18.0.0/15 is set aside for benchmarks).
    local n = tid * 100000 + sent
    -- wrk.format uses these headers instead of wrk.headers: copy those in.
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["X-Forwarded-For"] = string.format("198.%d.%d.%d",
      18 + math.floor(n / 65536) % 2, math.floor(n / 256) % 256, n % 256)
  end
  return wrk.format(nil, nil, headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_bad = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_bad = total_bad + thread:get("bad")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f ok=%d bad=%d errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    total_ok, total_bad, errors))
end

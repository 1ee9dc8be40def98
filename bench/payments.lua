-- wrk script for ./paygate bench: every request is a new payment with its own idempotency key,
-- cards mixed so that some are authorised (odd last digit) and some declined (even last digit).
-- Per-thread status counts are merged in done() and written as JSON to the file named by BENCH_OUTPUT.

local api_key = os.getenv("BENCH_API_KEY")
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local output = os.getenv("BENCH_OUTPUT")

-- Luhn-valid test cards: three approve, two decline.
local cards = {
  { "4111111111111111", "123" },
  { "4012888888881881", "123" },
  { "6011111111111117", "123" },
  { "4242424242424242", "123" },
  { "5555555555554444", "123" },
}

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  statuses = {}
  headers = {
    ["Authorization"] = "Bearer " .. api_key,
    ["Content-Type"] = "application/json",
  }
end

function request()
  counter = counter + 1
  local card = cards[counter % #cards + 1]
  headers["Cko-Idempotency-Key"] = string.format("bench-%s-%d-%d", run_id, thread_id, counter)
  local body = string.format(
    '{"source":{"type":"card","number":"%s","expiry_month":12,"expiry_year":2030,"cvv":"%s"},' ..
    '"amount":%d,"currency":"GBP","reference":"bench-%d"}',
    card[1], card[2], 100 + counter % 9900, counter)
  return wrk.format("POST", "/payments", headers, body)
end

function response(status, response_headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  local seconds = summary.duration / 1e6
  local completed = 0
  local status_json = {}
  for status, count in pairs(merged) do
    if status == 201 or status == 202 then completed = completed + count end
    table.insert(status_json, string.format('"%d": %d', status, count))
  end
  table.sort(status_json)
  local errors = summary.errors
  local json = string.format(
    '{\n  "duration_seconds": %.1f,\n  "requests": %d,\n  "payments_per_second": %.1f,\n' ..
    '  "latency_ms": {"p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f, "mean": %.2f},\n' ..
    '  "status_codes": {%s},\n  "socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}\n}\n',
    seconds, summary.requests, completed / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    table.concat(status_json, ", "), errors.connect, errors.read, errors.write, errors.timeout)
  io.write(json)
  if output then
    local file = assert(io.open(output, "w"))
    file:write(json)
    file:close()
  end
end

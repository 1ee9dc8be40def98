-- wrk script for ./paygate bench: every request is a new payment with its own idempotency key,
-- cards mixed so that some are authorised (odd last digit) and some declined (even last digit).
-- The Lion Bank decides by the amount instead: with BENCH_ACQUIRER=lionbank the same payments end
-- their amount in 50 (approved) or 51 (declined, insufficient funds), never in 54 or 91.
--
-- Environment: BENCH_API_KEY, BENCH_RUN_ID (makes the keys unique across runs), BENCH_ACQUIRER, BENCH_CAPTURE, and
--   BENCH_OUTPUT  done() writes the results to this file as "name value" lines, for bench/run's table and JSON;
--   BENCH_FILL    send this many payments, then end the run (bench/run gives a fill one wrk thread).

local api_key = os.getenv("BENCH_API_KEY")
local run_id = os.getenv("BENCH_RUN_ID") or tostring(os.time())
local output = os.getenv("BENCH_OUTPUT")
local fill = tonumber(os.getenv("BENCH_FILL") or "")
local lionbank = os.getenv("BENCH_ACQUIRER") == "lionbank"
-- "capture":false leaves approved payments Authorized; by default the gateway captures each one (one more bank call).
local capture = os.getenv("BENCH_CAPTURE") == "false" and ',"capture":false' or ""

-- Luhn-valid test cards: three approve, two decline (the third field: declined).
local cards = {
  { "4111111111111111", "123", false },
  { "4012888888881881", "123", false },
  { "6011111111111117", "123", false },
  { "4242424242424242", "123", true },
  { "5555555555554444", "123", true },
}

local function amount_of(card, n)
  if lionbank then
    return (1 + n % 99) * 100 + (card[3] and 51 or 50)
  end
  return 100 + n % 9900
end

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

-- The fields of /proc/self/stat after the command name (which may hold spaces): [1] is field 3, the state.
local function own_stat()
  local file = assert(io.open("/proc/self/stat"))
  local line = file:read("*l")
  file:close()
  local fields = {}
  for field in line:match("^.*%) (.*)$"):gmatch("%S+") do table.insert(fields, tonumber(field) or field) end
  return fields, tonumber(line:match("^%d+"))
end

function init(args)
  counter = 0
  statuses = {}
  headers = {
    ["Authorization"] = "Bearer " .. api_key,
    ["Content-Type"] = "application/json",
  }
  if fill then
    -- request() must return a request even once the fill is complete; this one creates nothing.
    idle_request = wrk.format("GET", "/readyz")
    fill_started = os.time()
    next_progress = fill_started + 10
  end
end

-- wrk's main thread sleeps for the whole -d whatever its threads do; SIGINT (what Ctrl-C sends) wakes it to join
-- them and report at once. Stopping this thread first keeps it from sending anything more meanwhile. Not
-- os.execute: system() ignores SIGINT in the caller until the command ends, so wrk would never see it.
local function end_fill()
  wrk.thread:stop()
  local _, pid = own_stat()
  assert(io.popen("kill -INT " .. pid)):close()
end

function request()
  if fill then
    if counter >= fill then
      if not fill_ended then
        fill_ended = true
        end_fill()
      end
      return idle_request
    end
    local now = os.time()
    if now >= next_progress then
      io.stderr:write(string.format("  %d of %d payments sent, %.0f/s\n", counter, fill, counter / (now - fill_started)))
      next_progress = now + 10
    end
  end
  counter = counter + 1
  local card = cards[counter % #cards + 1]
  headers["Cko-Idempotency-Key"] = string.format("bench-%s-%d-%d", run_id, thread_id, counter)
  local body = string.format(
    '{"source":{"type":"card","number":"%s","expiry_month":12,"expiry_year":2030,"cvv":"%s"},' ..
    '"amount":%d,"currency":"GBP","reference":"bench-%d"%s}',
    card[1], card[2], amount_of(card, counter), counter, capture)
  return wrk.format("POST", "/payments", headers, body)
end

function response(status, response_headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  if not output then return end
  local file = assert(io.open(output, "w"))
  local function put(name, value) file:write(string.format("%s %s\n", name, value)) end
  local sent = 0
  local merged = {}
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("counter")
    for status, count in pairs(thread:get("statuses")) do
      merged[status] = (merged[status] or 0) + count
    end
  end
  put("duration_us", summary.duration)
  put("requests", summary.requests)
  put("sent", sent)
  for status, count in pairs(merged) do put("status_" .. status, count) end
  for _, p in ipairs({ 50, 75, 90, 95, 99, 99.9 }) do put("latency_us_p" .. p, latency:percentile(p)) end
  put("latency_us_max", latency.max)
  put("latency_us_mean", string.format("%.0f", latency.mean))
  for _, kind in ipairs({ "connect", "read", "write", "timeout" }) do put("errors_" .. kind, summary.errors[kind]) end
  -- wrk's own CPU: utime, stime, cutime, cstime (fields 14-17) of the process, its ended threads included.
  local stat, pid = own_stat()
  put("pid", pid)
  put("cpu_ticks", stat[12] + stat[13] + stat[14] + stat[15])
  file:close()
end

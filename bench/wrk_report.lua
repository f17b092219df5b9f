-- wrk script for the benchmarks (bench/load.sh, bench/search.py): prints one
-- machine-readable RESULT line.
-- WRK_PATHS="/a /b /c", or WRK_PATHS_FILE (one path a line), spreads the requests over
-- several paths: thread n of WRK_THREADS (default 2, as -t2) asks paths n, n + WRK_THREADS…
-- so that two threads never ask the same path while the list lasts;
-- WRK_COUNT_STATUS=1 also counts every response that is not a 2xx (3xx included).
local threads = {}
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "", "%S+") do
  table.insert(paths, path)
end
local paths_file = os.getenv("WRK_PATHS_FILE")
if paths_file and paths_file ~= "" then
  for line in io.lines(paths_file) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
end
local stride = tonumber(os.getenv("WRK_THREADS") or "2")

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads - 1)
end

function init(args)
  non2xx = 0
  counter = 0
end

if #paths > 0 then
  function request()
    local index = (counter * stride + (thread_number or 0)) % #paths
    counter = counter + 1
    return wrk.format(nil, paths[index + 1])
  end
end

if os.getenv("WRK_COUNT_STATUS") == "1" then
  function response(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    end
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
  end
  if os.getenv("WRK_COUNT_STATUS") ~= "1" then
    non2xx_total = summary.errors.status
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d non2xx=%d"
      .. " p95_ms=%.2f timeouts=%d max_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50.0) / 1000,
    latency:percentile(99.0) / 1000,
    summary.requests, errors, non2xx_total,
    latency:percentile(95.0) / 1000,
    summary.errors.timeout,
    latency.max / 1000))
end

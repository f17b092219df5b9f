-- wrk script for bench/load.sh: prints one machine-readable RESULT line.
-- WRK_PATHS="/a /b /c" spreads the requests over several paths (round robin per thread);
-- WRK_COUNT_STATUS=1 also counts every response that is not a 2xx (3xx included).
local threads = {}
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "", "%S+") do
  table.insert(paths, path)
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  counter = 0
end

if #paths > 0 then
  function request()
    counter = counter + 1
    return wrk.format(nil, paths[(counter % #paths) + 1])
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
    "RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50.0) / 1000,
    latency:percentile(99.0) / 1000,
    summary.requests, errors, non2xx_total))
end

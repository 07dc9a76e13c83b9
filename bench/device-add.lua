-- wrk script: POSTs Next Plus device-add events, each with its own serial and ids, so none is
-- a duplicate or a Test-button delivery. Every thread numbers its own requests under its own
-- tag, handed out by setup(): math.random is seeded alike in every thread, so tags drawn from
-- it were the same and the threads sent each other's bodies (half the load duplicates).
local counter = 0
thread_tag = "t" -- set per thread by setup() (a global: thread:set writes globals)
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("thread_tag", tostring(os.time()) .. "-" .. threads)
end

-- A tag given after `--` (wrk ... -- b2) keeps two wrk processes started in the same second
-- from sending each other's bodies.
init = function(args)
  if args[1] then thread_tag = args[1] .. "-" .. thread_tag end
end

request = function()
  counter = counter + 1
  local n = thread_tag .. "-" .. counter
  local body = string.format(
    '{"type":"add","workorderNumber":"WO-12345","sku":"DEVICE-SKU","serial":"SN-%s","workorderId":"wo-%s","stockId":"st-%s","sessionId":"se-%s","workorderExternalId":"ERP-WO-123"}',
    n, n, n, n)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

-- wrk counts answers of status 400 and above in errors.status: any fails the run.
done = function(summary, latency)
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end

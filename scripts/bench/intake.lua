-- wrk script: signed Greenhouse deliveries, each with a unique Greenhouse-Event-ID.
-- Greenhouse signs the body only, so one body and one signature serve every request; the dedupe key
-- (the event id header) differs, so every request is a new delivery: HMAC check, dedupe lookup and
-- one durable insert each. BODY and SIGNATURE come from the environment (scripts/bench.sh).
local counter = 0
local thread_id = 0
local body = os.getenv("BENCH_BODY")
local signature = os.getenv("BENCH_SIGNATURE")
local path = os.getenv("BENCH_PATH")
local run = os.getenv("BENCH_RUN") or "r"

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  counter = counter + 1
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Signature"] = "sha256 " .. signature
  headers["Greenhouse-Event-ID"] = run .. "-" .. tid .. "-" .. counter
  return wrk.format("POST", path, headers, body)
end

local non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

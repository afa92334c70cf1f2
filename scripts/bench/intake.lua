-- wrk script: signed Greenhouse deliveries, each with a unique Greenhouse-Event-ID.
-- Greenhouse signs the body only, so one body and one signature serve every request; the dedupe key
-- (the event id header) differs, so every request is a new delivery: HMAC check, dedupe lookup and
-- one durable insert each. BODY and SIGNATURE come from the environment (scripts/bench.sh).
--
-- wrk shares the cores with the server, so the script is kept cheap: the request is formatted once
-- per thread around a placeholder event id, and each request() is one string concatenation. There is
-- no response() callback (with one, wrk parses every response's headers into Lua tables); wrk itself
-- counts non-2xx answers.
local counter = 0
local body = os.getenv("BENCH_BODY")
local signature = os.getenv("BENCH_SIGNATURE")
local path = os.getenv("BENCH_PATH")
local run = os.getenv("BENCH_RUN") or "r"
local thread_id = 0
local head, tail

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  if head == nil then
    local placeholder = "@@EVENT-ID@@"
    local headers = {}
    headers["Content-Type"] = "application/json"
    headers["Signature"] = "sha256 " .. signature
    headers["Greenhouse-Event-ID"] = placeholder
    local whole = wrk.format("POST", path, headers, body)
    local at = string.find(whole, placeholder, 1, true)
    head = string.sub(whole, 1, at - 1) .. run .. "-" .. tid .. "-"
    tail = string.sub(whole, at + #placeholder)
  end
  counter = counter + 1
  return head .. counter .. tail
end

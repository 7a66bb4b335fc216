-- wrk script: GET the page at the URL's path with a new `probe` parameter each request, so no cache
-- (the tier's nginx) can answer it: every request is rendered by an instance. ACCEPT as in wrk_get.lua.
-- Each wrk thread runs its own copy of this script: the thread's number and a seed from the clock keep
-- two threads, or two runs, from asking the same probe (which the cache would then answer).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end
local counter = 0
local accept = os.getenv("ACCEPT") or "text/html"
request = function()
  counter = counter + 1
  local probe = tostring(tid or 0) .. "-" .. tostring(counter) .. "-" .. tostring(math.random(1, 1000000000))
  return wrk.format("GET", wrk.path .. "?probe=" .. probe, { ["Accept"] = accept })
end

-- wrk script: GET the page at the URL's path with a new `probe` parameter each request, so no cache
-- (the tier's nginx) can answer it: every request is rendered by an instance. ACCEPT as in wrk_get.lua.
-- The probe holds the wrk thread's number and a number from a seed from the clock (wrk_threads.lua).
-- beside this file, wherever wrk is run from
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
require("wrk_threads")
local counter = 0
local accept = os.getenv("ACCEPT") or "text/html"
request = function()
  counter = counter + 1
  local probe = tostring(tid or 0) .. "-" .. tostring(counter) .. "-" .. tostring(math.random(1, 1000000000))
  return wrk.format("GET", wrk.path .. "?probe=" .. probe, { ["Accept"] = accept })
end

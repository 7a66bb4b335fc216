-- wrk script: GET the SPARQL query in QUERY to the path in QPATH, each request a different query (a
-- numbered comment at its end, with the wrk thread's number and a seed from the clock: wrk_threads.lua),
-- so no cache can answer it: the cold case.
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
-- beside this file, wherever wrk is run from
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
require("wrk_threads")
local counter = 0
local query = os.getenv("QUERY")
local path = os.getenv("QPATH")
local extra = os.getenv("EXTRA") or ""  -- more parameters, already encoded (`&default-graph-uri=...`)
request = function()
  counter = counter + 1
  local q = query .. "\n# " .. tostring(tid or 0) .. " " .. tostring(counter) .. " " .. tostring(math.random(1, 1000000000))
  return wrk.format("GET", path .. "?query=" .. urlencode(q) .. extra, { ["Accept"] = "application/sparql-results+json" })
end

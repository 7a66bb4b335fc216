-- wrk script: GET the SPARQL query in QUERY to the path in QPATH, each request a different query (a
-- numbered comment at its end), so no cache can answer it: the cold case. Each wrk thread runs its own
-- copy of this script: the thread's number and a seed from the clock keep two threads, or two runs,
-- from sending the same text (which the tier's cache would answer from its second asking on).
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end
local counter = 0
local query = os.getenv("QUERY")
local path = os.getenv("QPATH")
local extra = os.getenv("EXTRA") or ""  -- more parameters, already encoded (`&default-graph-uri=...`)
request = function()
  counter = counter + 1
  local q = query .. "\n# " .. tostring(tid or 0) .. " " .. tostring(counter) .. " " .. tostring(math.random(1, 1000000000))
  return wrk.format("GET", path .. "?query=" .. urlencode(q) .. extra, { ["Accept"] = "application/sparql-results+json" })
end

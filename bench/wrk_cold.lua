-- wrk script: GET the SPARQL query in QUERY to the path in QPATH, each request a different query (a
-- numbered comment at its end), so no cache can answer it: the cold case.
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local counter = 0
local query = os.getenv("QUERY")
local path = os.getenv("QPATH")
local extra = os.getenv("EXTRA") or ""  -- more parameters, already encoded (`&default-graph-uri=...`)
request = function()
  counter = counter + 1
  local q = query .. "\n# " .. tostring(counter) .. " " .. tostring(math.random(1, 1000000000))
  return wrk.format("GET", path .. "?query=" .. urlencode(q) .. extra, { ["Accept"] = "application/sparql-results+json" })
end

-- wrk script: a workshop behind one address. Every connection POSTs the example queries (the file in
-- QUERIES, separated by lines of "#####") to the path in QPATH, one after another in a loop, each
-- connection starting at a query of its own: the same texts again and again, as a class runs them.
local queries = {}
local counter = 0
local path = os.getenv("QPATH")
function init(args)
  local f = assert(io.open(os.getenv("QUERIES"), "r"))
  local text = f:read("*a")
  f:close()
  for q in (text .. "\n#####\n"):gmatch("(.-)\n#####\n") do
    if q:match("%S") then table.insert(queries, q) end
  end
  counter = math.random(1, #queries)
end
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
request = function()
  counter = counter + 1
  local body = "query=" .. urlencode(queries[(counter % #queries) + 1])
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/sparql-results+json",
  }, body)
end

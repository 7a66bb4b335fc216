-- What the cold wrk scripts share. Each wrk thread runs its own copy of a script: the thread's number
-- (`tid`) and a seed from the clock keep two threads, or two runs, from sending the same request (which
-- the tier's cache would then answer).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end

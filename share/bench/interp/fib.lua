-- fib(30), recursive, in Lua 5.4. Prints "result N" and "elapsed SECONDS" for each of five
-- timed runs; the clock is wall time from date(1) (Lua has none finer than a second).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function fib(n)
    if n < 2 then return n else return fib(n - 1) + fib(n - 2) end
end

for run = 1, 5 do
    local t0 = now()
    local r = fib(30)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

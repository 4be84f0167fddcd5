-- count_heads(10^7) in Lua 5.4: math.random(0, 1) is one random bit as an integer, which is
-- what Julia's rand(Bool) adds to the Int counter. The checksum is whether the count is
-- within 6σ of n/2. Prints "heads N", "result 1" and "elapsed SECONDS" for each of three
-- timed runs; the clock is wall time from date(1) (Lua has none finer than a second).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function count_heads(n)
    local c = 0
    for i = 1, n do
        c = c + math.random(0, 1)
    end
    return c
end

for run = 1, 3 do
    local n = 10^7 // 1
    local t0 = now()
    local r = count_heads(n)
    local t = now() - t0
    print("heads " .. r)
    print("result " .. (math.abs(2 * r - n) <= 6 * math.sqrt(n) and 1 or 0))
    print("elapsed " .. t)
end

-- A while-loop-heavy program in Lua 5.4: Collatz sequence lengths for 1..20000 with while
-- loops, as collatz.dist does. Prints "result N" and "elapsed SECONDS" for each of three
-- timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function collatz_length(n)
    local steps = 0
    while n ~= 1 do
        if n % 2 == 0 then
            n = n // 2
        else
            n = 3 * n + 1
        end
        steps = steps + 1
    end
    return steps
end

local function collatz(limit)
    local total = 0
    local best, best_n = 0, 0
    local n = 1
    while n <= limit do
        local len = collatz_length(n)
        total = total + len
        if len > best then
            best, best_n = len, n
        end
        n = n + 1
    end
    return total + best_n
end

for run = 1, 3 do
    local t0 = now()
    local r = collatz(20000)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

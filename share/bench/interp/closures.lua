-- Closures with map, filter and reduce in Lua 5.4, which has none built in: the three
-- functions written as a Lua programmer would, over arrays (tables). Prints "result N" and
-- "elapsed SECONDS" for each of three timed runs of 10,000 rounds; the clock is wall time
-- from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function map(f, xs)
    local out = {}
    for i = 1, #xs do out[i] = f(xs[i]) end
    return out
end

local function filter(f, xs)
    local out, n = {}, 0
    for i = 1, #xs do
        local x = xs[i]
        if f(x) then n = n + 1; out[n] = x end
    end
    return out
end

local function reduce(f, xs, init)
    local acc = init
    for i = 1, #xs do acc = f(acc, xs[i]) end
    return acc
end

local function range(a, b)
    local out = {}
    for i = a, b do out[i - a + 1] = i end
    return out
end

local function closures(rounds)
    local total = 0
    for k = 1, rounds do
        local xs = map(function(x) return x * k + 1 end, range(1, 100))
        local ys = filter(function(x) return x % 3 == 0 end, xs)
        total = total + reduce(function(a, b) return a + b end, ys, 0)
    end
    return total
end

for run = 1, 3 do
    local t0 = now()
    local r = closures(10000)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

-- Growing arrays, a set and a map with integer keys in Lua 5.4 (tables for all three): the
-- sieve, appends, twin primes by membership and a gap histogram, as primes.dist does.
-- Prints "result N" and "elapsed SECONDS" for each of three timed runs; the clock is wall
-- time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function sieve(n)
    local is_prime = {}
    for i = 1, n do is_prime[i] = true end
    is_prime[1] = false
    for i = 2, n do
        if is_prime[i] and i * i <= n then
            for k = i * i, n, i do
                is_prime[k] = false
            end
        end
    end
    local primes = {}
    for i = 1, n do
        if is_prime[i] then
            primes[#primes + 1] = i
        end
    end
    return primes
end

local function prime_stats(n)
    local primes = sieve(n)
    local set = {}
    for _, p in ipairs(primes) do set[p] = true end
    local twins = 0
    for _, p in ipairs(primes) do
        if set[p + 2] then
            twins = twins + 1
        end
    end
    local gaps, ngaps = {}, 0
    for i = 2, #primes do
        local g = primes[i] - primes[i - 1]
        if not gaps[g] then ngaps = ngaps + 1 end
        gaps[g] = (gaps[g] or 0) + 1
    end
    local weighted = 0
    for g, c in pairs(gaps) do
        weighted = weighted + g * c
    end
    return #primes * 1000000 + twins * 1000 + ngaps + weighted
end

for run = 1, 3 do
    local t0 = now()
    local r = prime_stats(1000000)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

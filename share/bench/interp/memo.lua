-- Memoised recursion with a table: partitions of n into parts <= m mod 1e9+7, and Collatz
-- lengths memoised with recursion.
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local P = 1000000007

local function q(n, m, memo)
    if n == 0 then return 1 end
    if n < 0 or m == 0 then return 0 end
    local key = n * 1000 + m
    local v = memo[key]
    if v then return v end
    v = (q(n, m - 1, memo) + q(n - m, m, memo)) % P
    memo[key] = v
    return v
end

local function clen(n, memo)
    if n == 1 then return 0 end
    local v = memo[n]
    if v then return v end
    v = 1 + clen(n % 2 == 0 and n // 2 or 3 * n + 1, memo)
    memo[n] = v
    return v
end

local function count(t) local c = 0; for _ in pairs(t) do c = c + 1 end; return c end

local function run_memo(n, limit)
    local memo = {}
    local total = 0
    for k = 1, n do total = (total + q(k, k, memo)) % P end
    local cmemo = {}
    local best = 0
    for k = 1, limit do best = math.max(best, clen(k, cmemo)) end
    return total + best + count(memo) + count(cmemo)
end

for run = 1, 3 do
    local t0 = now()
    local r = run_memo(250, 30000)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

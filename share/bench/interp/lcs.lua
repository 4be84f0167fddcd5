-- Longest common subsequence in Lua 5.4, as lcs.dist: a table of rows filled row by row,
-- characters compared with string.byte. Prints "result N" and "elapsed SECONDS" for each of
-- three timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function dna(n, seed)
    local letters = "ACGT"
    local x = seed
    local chars = {}
    for i = 1, n do
        x = (x * 1103515245 + 12345) % 2147483648
        local k = (x // 65536) % 4 + 1
        chars[i] = letters:sub(k, k)
    end
    return table.concat(chars)
end

local function lcs(a, b)
    local m, n = #a, #b
    local L = {}
    for i = 1, m + 1 do
        local row = {}
        for j = 1, n + 1 do row[j] = 0 end
        L[i] = row
    end
    for i = 1, m do
        local ai = a:byte(i)
        local row, nxt = L[i], L[i + 1]
        for j = 1, n do
            if ai == b:byte(j) then
                nxt[j + 1] = row[j] + 1
            else
                nxt[j + 1] = math.max(row[j + 1], nxt[j])
            end
        end
    end
    return L[m + 1][n + 1]
end

local a = dna(1500, 1)
local b = dna(1500, 2)
for run = 1, 3 do
    local t0 = now()
    local r = lcs(a, b)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

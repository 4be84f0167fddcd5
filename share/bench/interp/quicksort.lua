-- In-place quicksort with multiple-assignment swaps in Lua 5.4, as quicksort.dist (Hoare's
-- partition around the middle element) on the same 100,000 integers. Prints "result N" and
-- "elapsed SECONDS" for each of three timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function quicksort(a, lo, hi)
    if lo < hi then
        local p = a[(lo + hi) // 2]
        local i, j = lo, hi
        while i <= j do
            while a[i] < p do i = i + 1 end
            while a[j] > p do j = j - 1 end
            if i <= j then
                a[i], a[j] = a[j], a[i]
                i = i + 1
                j = j - 1
            end
        end
        quicksort(a, lo, j)
        quicksort(a, i, hi)
    end
    return a
end

local function data(n)
    local a, x = {}, 42
    for i = 1, n do
        x = (x * 1103515245 + 12345) % 2147483648
        a[i] = x
    end
    return a
end

local function checksum(a)
    local s = 0
    for i = 1, #a do
        if i > 1 and a[i - 1] > a[i] then return 0 end
        s = (s + i * a[i]) % 1000000007
    end
    return s
end

for run = 1, 3 do
    local a = data(100000)
    local t0 = now()
    quicksort(a, 1, #a)
    local t = now() - t0
    print("result " .. checksum(a))
    print("elapsed " .. t)
end

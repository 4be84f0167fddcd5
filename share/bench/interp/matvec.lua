-- Matrix–vector product written as loops in Lua 5.4, the matrix a table of rows: y = A*x
-- for 300×300, repeated 40 times, as matvec.dist does. Prints "result X" and
-- "elapsed SECONDS" for each of three timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function matvec(y, A, x)
    local n, m = #A, #A[1]
    for i = 1, n do
        local s = 0.0
        for j = 1, m do
            s = s + A[i][j] * x[j]
        end
        y[i] = s
    end
    return y
end

local function repeated(A, x, times)
    local y = {}
    for i = 1, #A do y[i] = 0.0 end
    local total = 0.0
    for k = 1, times do
        matvec(y, A, x)
        local s = 0.0
        for i = 1, #y do s = s + y[i] end
        total = total + s
    end
    return total
end

local n = 300
local A, x = {}, {}
for i = 1, n do
    local row = {}
    for j = 1, n do row[j] = ((i + 2 * j) % 7) * 0.25 - 0.5 end
    A[i] = row
end
for j = 1, n do x[j] = (j % 5) * 0.5 + 0.125 end
for run = 1, 3 do
    local t0 = now()
    local r = repeated(A, x, 40)
    local t = now() - t0
    print("result " .. string.format("%.17g", r))
    print("elapsed " .. t)
end

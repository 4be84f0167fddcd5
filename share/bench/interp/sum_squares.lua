-- Sum of squares over a 10^6-element array of floats, repeated 10 times, with an explicit
-- loop, in Lua 5.4. The elements are k/1024 (k = i % 1024), so the checksum agrees with
-- dist's. Prints "result X" and "elapsed SECONDS" for each of three timed runs; the clock is
-- wall time from date(1) (Lua has none finer than a second).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function sum_squares(v)
    local s = 0.0
    for _, x in ipairs(v) do
        s = s + x * x
    end
    return s
end

local function repeated(v, times)
    local total = 0.0
    for k = 1, times do
        total = total + sum_squares(v)
    end
    return total
end

local v = {}
for i = 1, 10^6 do v[i] = (i % 1024) / 1024 end
for run = 1, 3 do
    local t0 = now()
    local r = repeated(v, 10)
    local t = now() - t0
    print("result " .. string.format("%.17g", r))
    print("elapsed " .. t)
end

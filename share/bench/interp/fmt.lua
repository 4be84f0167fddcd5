-- Number formatting: "%.3f", shortest round-trip text of floats, zero-padded ints, concat.
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function float_string(x)
    for prec = 1, 17 do
        local s = string.format("%." .. prec .. "g", x)
        if tonumber(s) == x and not s:find("e") then
            if not s:find("%.") then s = s .. ".0" end
            return s
        end
    end
end

local function report(n)
    local total, sevens = 0, 0
    for row = 0, n - 1 do
        local parts = {}
        local s = tostring(row)
        parts[#parts + 1] = string.rep("0", 8 - #s) .. s
        for k = 1, 6 do
            local x = (row * 37 + k * 101) % 10007 / 64 + k / 8
            parts[#parts + 1] = string.format("%.3f", x * 1.1)
            parts[#parts + 1] = float_string(x)
        end
        local line = table.concat(parts, ", ")
        total = total + #line
        for _ in line:gmatch("7") do sevens = sevens + 1 end
    end
    return total * 10 + sevens
end

for run = 1, 3 do
    local t0 = now()
    local r = report(12000)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

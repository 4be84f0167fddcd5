-- A tokenizer in Lua 5.4, as tokens.dist: scans the text byte by byte with string.byte and
-- character classes, counts names in a table and adds up the numbers with tonumber. Prints
-- "result N" and "elapsed SECONDS" for each of three timed runs; the clock is wall time from
-- date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function source_text(lines)
    local ops = {"+", "-", "*", "/"}
    local parts = {}
    for i = 1, lines do
        parts[#parts + 1] = "x" .. (i % 50) .. " = " .. (i * 37 % 1000) .. " " .. ops[i % 4 + 1] ..
            " y" .. (i % 7) .. " * (" .. (i % 13) .. " + z)\n"
    end
    return table.concat(parts)
end

local function isdigit(b) return b >= 48 and b <= 57 end
local function isletter(b) return (b >= 65 and b <= 90) or (b >= 97 and b <= 122) end
local function isspace(b) return b == 32 or (b >= 9 and b <= 13) end

local function tokenize(text)
    local names, count = {}, 0
    local total, ntokens = 0, 0
    local i, n = 1, #text
    local byte = string.byte
    while i <= n do
        local c = byte(text, i)
        if isspace(c) then
            i = i + 1
        elseif isdigit(c) then
            local j = i
            while j <= n and isdigit(byte(text, j)) do j = j + 1 end
            total = total + tonumber(text:sub(i, j - 1))
            ntokens = ntokens + 1
            i = j
        elseif isletter(c) then
            local j = i
            while j <= n and (isletter(byte(text, j)) or isdigit(byte(text, j))) do j = j + 1 end
            local name = text:sub(i, j - 1)
            if names[name] == nil then count = count + 1; names[name] = 0 end
            names[name] = names[name] + 1
            ntokens = ntokens + 1
            i = j
        else
            ntokens = ntokens + 1
            i = i + 1
        end
    end
    return total + ntokens + count
end

local text = source_text(20000)
for run = 1, 3 do
    local t0 = now()
    local r = tokenize(text)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end

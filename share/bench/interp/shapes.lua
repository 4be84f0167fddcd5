-- Immutable values and dispatch in Lua 5.4: a Vec2 metatable with __add and __mul that make
-- new tables, shape "classes" (metatables with __index) whose area, anchor and moved
-- methods dispatch on the receiver, as shapes.dist does (same operations, same order).
-- Prints "result X" and "elapsed SECONDS" for each of three timed runs of 100 steps over
-- 1,000 shapes; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local Vec2 = {}
Vec2.__index = Vec2
local function vec2(x, y) return setmetatable({x = x, y = y}, Vec2) end
Vec2.__add = function(a, b) return vec2(a.x + b.x, a.y + b.y) end
Vec2.__mul = function(s, a) return vec2(s * a.x, s * a.y) end

local Circle = {}
Circle.__index = Circle
local function circle(center, r) return setmetatable({center = center, r = r}, Circle) end
function Circle:area() return 3.141592653589793 * self.r * self.r end
function Circle:anchor() return self.center end
function Circle:moved(d) return circle(self.center + d, self.r) end

local Rect = {}
Rect.__index = Rect
local function rect(corner, w, h) return setmetatable({corner = corner, w = w, h = h}, Rect) end
function Rect:area() return self.w * self.h end
function Rect:anchor() return self.corner end
function Rect:moved(d) return rect(self.corner + d, self.w, self.h) end

local Triangle = {}
Triangle.__index = Triangle
local function triangle(a, b, c) return setmetatable({a = a, b = b, c = c}, Triangle) end
function Triangle:area()
    local a, b, c = self.a, self.b, self.c
    return 0.5 * math.abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y))
end
function Triangle:anchor() return self.a end
function Triangle:moved(d) return triangle(self.a + d, self.b + d, self.c + d) end

local function make_shapes(n)
    local shapes = {}
    for i = 1, n do
        local p = vec2(i * 0.5, (i % 10) * 0.25)
        local k = i % 3
        if k == 0 then
            shapes[#shapes + 1] = circle(p, (i % 7) * 0.25 + 0.5)
        elseif k == 1 then
            shapes[#shapes + 1] = rect(p, (i % 5) + 1.0, (i % 4) * 0.5 + 0.5)
        else
            shapes[#shapes + 1] = triangle(p, p + vec2(1.0, 0.0), p + vec2(0.5, (i % 6) + 1.0))
        end
    end
    return shapes
end

local function simulate(n, steps)
    local shapes = make_shapes(n)
    local d = vec2(0.25, -0.125)
    local total = 0.0
    for s = 1, steps do
        for i = 1, #shapes do
            local sh = shapes[i]:moved(0.5 * d)
            shapes[i] = sh
            total = total + (sh:area() + sh:anchor().x)
        end
    end
    return total
end

for run = 1, 3 do
    local t0 = now()
    local r = simulate(1000, 100)
    local t = now() - t0
    print("result " .. string.format("%.17g", r))
    print("elapsed " .. t)
end

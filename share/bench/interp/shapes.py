# Immutable values and dispatch in CPython: a Vec2 class with __add__ and __rmul__ that makes
# new objects, shape classes whose area, anchor and moved methods dispatch on the receiver,
# as shapes.dist does (same operations, same order). Prints "result X" and "elapsed SECONDS"
# for each of three timed runs of 100 steps over 1,000 shapes.
import time


class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def __rmul__(self, s):
        return Vec2(s * self.x, s * self.y)


class Shape:
    pass


class Circle(Shape):
    def __init__(self, center, r):
        self.center = center
        self.r = r

    def area(self):
        return 3.141592653589793 * self.r * self.r

    def anchor(self):
        return self.center

    def moved(self, d):
        return Circle(self.center + d, self.r)


class Rect(Shape):
    def __init__(self, corner, w, h):
        self.corner = corner
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    def anchor(self):
        return self.corner

    def moved(self, d):
        return Rect(self.corner + d, self.w, self.h)


class Triangle(Shape):
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c

    def area(self):
        a, b, c = self.a, self.b, self.c
        return 0.5 * abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y))

    def anchor(self):
        return self.a

    def moved(self, d):
        return Triangle(self.a + d, self.b + d, self.c + d)


def make_shapes(n):
    shapes = []
    for i in range(1, n + 1):
        p = Vec2(i * 0.5, (i % 10) * 0.25)
        k = i % 3
        if k == 0:
            shapes.append(Circle(p, (i % 7) * 0.25 + 0.5))
        elif k == 1:
            shapes.append(Rect(p, (i % 5) + 1.0, (i % 4) * 0.5 + 0.5))
        else:
            shapes.append(Triangle(p, p + Vec2(1.0, 0.0), p + Vec2(0.5, (i % 6) + 1.0)))
    return shapes


def simulate(n, steps):
    shapes = make_shapes(n)
    d = Vec2(0.25, -0.125)
    total = 0.0
    for s in range(steps):
        for i in range(len(shapes)):
            sh = shapes[i].moved(0.5 * d)
            shapes[i] = sh
            total += sh.area() + sh.anchor().x
    return total


for run in range(3):
    t0 = time.perf_counter()
    r = simulate(1_000, 100)
    t = time.perf_counter() - t0
    print("result", r)
    print("elapsed", t)

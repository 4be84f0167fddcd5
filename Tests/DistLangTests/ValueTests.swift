@testable import DistLang
import Testing

struct ValueTests {
    @Test func valueHasASixteenByteStride() {
        #expect(MemoryLayout<Value>.stride == 16)
        #expect(MemoryLayout<Value>.size <= 16)
    }

    @Test func zeroFilledMemoryReadsAsIntegerZero() {
        let p = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)
        defer { p.deallocate() }
        p.initializeMemory(as: UInt8.self, repeating: 0, count: 16)
        let v = p.load(as: Value.self)
        guard case .int(let i) = v else {
            Issue.record("zero bits are not .int(0)")
            return
        }
        #expect(i == 0)
    }

    @Test func theTagByteTellsWhichValuesHoldAReference() {
        // Value.holdsReference(at:) (what popping the value stack checks) reads the tag byte
        let all: [Value] = [.int(-1), .float(-0.0), .bool(true), .char(0x1F600), .nothing, .undef,
                            .str(JStr("x")), .sym(JSym.intern("x")), .arr(JArray(eltype: .int64, dims: [1])),
                            .tuple(JTuple.of([])), .range(JRange(start: 1, stop: 2)), .fn(JFunction(name: "f", module: [])),
                            .type(JType.any), .obj(JStruct(JType.any, []))]
        for var v in all {
            let fast = withUnsafeMutablePointer(to: &v) { Value.holdsReference(at: $0) }
            #expect(fast == v.holdsReference, "\(v)")
        }
    }

    @Test func dispatchKeysReadInPlaceAreTheKeysOfTheValues() {
        // Ctx.selectTyped's cache is looked up by keys read where the arguments are
        let s = JType.any
        let all: [Value] = [.int(-1), .float(-0.0), .bool(true), .char(0x1F600), .nothing, .undef,
                            .str(JStr("x")), .sym(JSym.intern("x")), .arr(JArray(eltype: .int64, dims: [2])),
                            .arr(JArray(eltype: .float64, dims: [2, 2])), .tuple(JTuple.of([])),
                            .range(JRange(start: 1, stop: 2)), .fn(JFunction(name: "f", module: [])),
                            .type(JType.any), .obj(JStruct(s, [])), .obj(JDict(keyType: .any, valueType: .any))]
        for var v in all {
            let inPlace = withUnsafeMutablePointer(to: &v) { TypeKey.of(at: $0) }
            #expect(inPlace == TypeKey.of(v), "\(v)")
        }
    }

    @Test func theContainersAmongValuesAreFoundByTheirTag() {
        // DeferredRelease.mayChain reads tags: arrays, tuples, functions and objects chain
        let all: [Value] = [.int(-1), .float(-0.0), .bool(true), .char(0x1F600), .nothing, .undef,
                            .str(JStr("x")), .sym(JSym.intern("x")), .arr(JArray(eltype: .int64, dims: [2])),
                            .tuple(JTuple.of([])), .range(JRange(start: 1, stop: 2)), .fn(JFunction(name: "f", module: [])),
                            .type(JType.any), .obj(JStruct(JType.any, []))]
        for var v in all {
            let container: Bool
            switch v {
            case .obj, .arr, .tuple, .fn: container = true
            default: container = false
            }
            #expect(withUnsafeMutablePointer(to: &v) { DeferredRelease.mayChain($0, count: 1) } == container, "\(v)")
        }
    }

    @Test func stringsIntsAndArraysAreReadInPlaceByTheirTag() {
        // StrBuild reads the pieces of a concatenation this way, push! its vector
        let all: [Value] = [.int(-1), .float(-0.0), .bool(true), .char(0x1F600), .nothing, .undef,
                            .str(JStr("x")), .sym(JSym.intern("x")), .arr(JArray(eltype: .int64, dims: [2])),
                            .tuple(JTuple.of([])), .obj(JStruct(JType.any, []))]
        for var v in all {
            withUnsafeMutablePointer(to: &v) { p in
                let tag = Value.tag(at: p)
                switch p.pointee {
                case .int(let i):
                    #expect(tag == Value.intTag && Value.intPayload(at: p) == i)
                case .str(let s):
                    #expect(tag == Value.stringTag && Value.unretainedString(at: p).takeUnretainedValue() === s)
                case .arr(let a):
                    #expect(tag == Value.arrayTag && Value.unretainedArray(at: p).takeUnretainedValue() === a)
                case .float:
                    #expect(tag == Value.floatTag)
                case .obj(let o):
                    #expect(tag == Value.objTag && Value.unretainedObject(at: p).takeUnretainedValue() === o)
                case .tuple(let x):
                    #expect(tag == Value.tupleTag && Value.unretainedTuple(at: p).takeUnretainedValue() === x)
                default:
                    #expect(tag != Value.intTag && tag != Value.stringTag && tag != Value.arrayTag, "\(p.pointee)")
                    #expect(tag != Value.floatTag && tag != Value.objTag && tag != Value.tupleTag, "\(p.pointee)")
                }
            }
        }
        var big = Value.int(Int64.min)
        #expect(withUnsafeMutablePointer(to: &big) { Value.intPayload(at: $0) } == Int64.min)
    }

    @Test func shortStringsAreMadeAsSwiftsSmallStringsAndEqualTheOrdinaryOnes() {
        // StrBuild.make builds strings of at most 15 bytes in Swift's small-string layout,
        // checked once (SmallString.available, when a runtime is made) against strings Swift
        // made; on this platform the check must pass, or split and concatenation lose their
        // fast path unnoticed
        SmallString.checkLayout()
        #expect(SmallString.available)
        for text in ["", "a", "word", "w1234ab", "123456789012345", "1234567890123456", "h\u{e9}llo", "\u{3b1}\u{3b2}\u{3b3}",
                     "\u{1F600}x", String(repeating: "\u{e9}", count: 7), String(repeating: "\u{e9}", count: 8), String(repeating: "z", count: 40)] {
            var copy = text
            let made = copy.withUTF8 { b in
                StrBuild.make(b.count) { p in
                    p.update(from: b.baseAddress!, count: b.count)
                    return b.count
                }
            }
            #expect(made == text && made.count == text.count && made.utf8.count == text.utf8.count, "\(text)")
            #expect(made.hashValue == text.hashValue && made.unicodeScalars.elementsEqual(text.unicodeScalars), "\(text)")
            #expect(made.uppercased() == text.uppercased() && (made + "!") == text + "!", "\(text)")
        }
    }

    @Test func lengthCountsTheCharactersOfEveryKindOfString() {
        // JStr.characterCount counts the bytes that start a character, eight at a time
        var texts = ["", "a", "h\u{e9}llo", "\u{3b1}\u{3b2}\u{3b3}\u{3b4}", "\u{1F600}\u{1F601}x"]
        for k in 0...40 {
            texts.append(String(repeating: "a", count: k))
            texts.append(String(repeating: "a", count: k) + "\u{e9}" + String(repeating: "z", count: 40 - k))
            texts.append(String(repeating: "\u{1F600}", count: k % 9) + String(repeating: "b", count: k))
        }
        for text in texts {
            #expect(JStr(text).characterCount == text.unicodeScalars.count, "\(text)")
        }
        // StrBuild copies a small string's bytes out of the string itself
        for text in ["", "ab", "h\u{e9}llo", "123456789012345", "1234567890123456", String(repeating: "\u{e9}", count: 30)] {
            var out = [UInt8](repeating: 0, count: 64)
            let n = out.withUnsafeMutableBufferPointer { StrBuild.copyBytes(text, $0.baseAddress!) }
            #expect(Array(out[..<n]) == Array(text.utf8), "\(text)")
        }
    }

    @Test func anObjectValueKeepsItsReferenceInTheFirstWord() {
        // peekObject (Nodes+Fields.swift) reads a struct's reference out of a slot this way
        let s = JStruct(JType.any, [])
        var v = Value.obj(s)
        let word = withUnsafeBytes(of: &v) { $0.load(as: UnsafeRawPointer.self) }
        #expect(word == UnsafeRawPointer(Unmanaged.passUnretained(s).toOpaque()))
        withUnsafeMutablePointer(to: &v) { p in
            #expect(peekObject(p)?.takeUnretainedValue() === s)
        }
        var n = Value.int(7)
        withUnsafeMutablePointer(to: &n) { p in #expect(peekObject(p) == nil) }
    }

    @Test func typesAreImmortal() {
        let t = JType.float64
        let before = retainCount(t)
        let copies = (0..<10).map { _ in Value.type(t) }
        #expect(retainCount(t) == before)
        _ = copies
    }
}

@_silgen_name("swift_retainCount")
func swiftRetainCount(_ object: UnsafeMutableRawPointer) -> Int

func retainCount(_ o: AnyObject) -> Int {
    swiftRetainCount(Unmanaged.passUnretained(o).toOpaque())
}

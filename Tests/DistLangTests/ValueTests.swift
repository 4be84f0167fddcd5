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
                            .tuple(JTuple([])), .range(JRange(start: 1, stop: 2)), .fn(JFunction(name: "f", module: [])),
                            .type(JType.any), .obj(JStruct(JType.any, []))]
        for var v in all {
            let fast = withUnsafeMutablePointer(to: &v) { Value.holdsReference(at: $0) }
            #expect(fast == v.holdsReference, "\(v)")
        }
    }

    @Test func stringsAndIntsAreReadInPlaceByTheirTag() {
        // StrBuild reads the pieces of a concatenation this way
        let all: [Value] = [.int(-1), .float(-0.0), .bool(true), .char(0x1F600), .nothing, .undef,
                            .str(JStr("x")), .sym(JSym.intern("x")), .tuple(JTuple([])), .obj(JStruct(JType.any, []))]
        for var v in all {
            withUnsafeMutablePointer(to: &v) { p in
                let tag = Value.tag(at: p)
                switch p.pointee {
                case .int(let i):
                    #expect(tag == Value.intTag && Value.intPayload(at: p) == i)
                case .str(let s):
                    #expect(tag == Value.stringTag && Value.unretainedString(at: p).takeUnretainedValue() === s)
                default:
                    #expect(tag != Value.intTag && tag != Value.stringTag, "\(p.pointee)")
                }
            }
        }
        var big = Value.int(Int64.min)
        #expect(withUnsafeMutablePointer(to: &big) { Value.intPayload(at: $0) } == Int64.min)
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

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

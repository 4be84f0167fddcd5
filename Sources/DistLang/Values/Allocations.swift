import Foundation

/// What `@time`, `@allocated` and `@timed` report: the heap objects the interpreter makes for
/// Julia values (arrays and their growth, strings, closures and their boxes, dictionaries,
/// mutable structs, `Ref`s), counted where each is made, with its size in bytes (the object's
/// fields and the element storage).
///
/// A process runs its interpreter on one thread, so plain counters suffice; a measurement is
/// the difference between two readings.
public enum Allocations {
    public nonisolated(unsafe) static var count = 0
    public nonisolated(unsafe) static var bytes = 0

    /// Counts one allocation of `size` bytes.
    @inline(__always) static func record(_ size: Int) {
        count &+= 1
        bytes &+= size
    }

    /// Julia's `@time` line: `  0.000123 seconds (216 allocations: 13.500 KiB)`.
    public static func timeLine(seconds: Double, count: Int, bytes: Int) -> String {
        var s = String(format: "%10.6f seconds", seconds)
        if count != 0 || bytes != 0 {
            let (n, unit) = scaled(count, factor: 1000, units: 6)
            let counted = unit == 1 ? "\(count) allocation" + (count == 1 ? "" : "s")
                : String(format: "%.2f", n) + ["", " k", " M", " G", " T", " P"][unit - 1] + " allocations"
            s += " (" + counted + ": " + formatBytes(bytes) + ")"
        }
        return s
    }

    /// Bytes as Julia's `Base.format_bytes`: `16 bytes`, `13.500 KiB`.
    public static func formatBytes(_ bytes: Int) -> String {
        let (n, unit) = scaled(bytes, factor: 1024, units: 6)
        if unit == 1 { return "\(bytes) byte" + (bytes == 1 ? "" : "s") }
        return String(format: "%.3f ", n) + ["byte", "KiB", "MiB", "GiB", "TiB", "PiB"][unit - 1]
    }

    /// Julia's `prettyprint_getunits`: the value in its unit, and the unit (1-based).
    static func scaled(_ value: Int, factor: Int, units: Int) -> (Double, Int) {
        if value == 0 || value == 1 { return (Double(value), 1) }
        let unit = min(units, Int((log(Double(value)) / log(Double(factor))).rounded(.up)))
        return (Double(value) / pow(Double(factor), Double(unit - 1)), unit)
    }
}

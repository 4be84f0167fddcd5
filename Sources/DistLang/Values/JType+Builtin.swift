import Foundation

/// The built-in types: Julia's numeric tower, strings, containers, and the exception types.
///
/// They are process-wide singletons (user struct types belong to a runtime). Parametric
/// families map their parameters to their supertype's, so `Array{Float64,1} <: AbstractArray{Float64,1}`.
extension JType {
    public static let any = JType(name: "Any", tag: .any, super: nil, abstract: true)
    public static let number = JType(name: "Number", super: any, abstract: true)
    public static let real = JType(name: "Real", super: number, abstract: true)
    public static let integer = JType(name: "Integer", super: real, abstract: true)
    public static let signed = JType(name: "Signed", super: integer, abstract: true)
    public static let unsigned = JType(name: "Unsigned", super: integer, abstract: true)
    public static let abstractFloat = JType(name: "AbstractFloat", super: real, abstract: true)
    public static let int64 = JType(name: "Int64", tag: .int64, super: signed, bits: true)
    public static let int32 = JType(name: "Int32", tag: .int32, super: signed, bits: true)
    public static let uint8 = JType(name: "UInt8", tag: .uint8, super: unsigned, bits: true)
    public static let int8 = narrowInteger("Int8", signed, Int64(Int8.min)...Int64(Int8.max))
    public static let int16 = narrowInteger("Int16", signed, Int64(Int16.min)...Int64(Int16.max))
    public static let uint16 = narrowInteger("UInt16", unsigned, 0...Int64(UInt16.max))
    public static let uint32 = narrowInteger("UInt32", unsigned, 0...Int64(UInt32.max))
    /// Only the part of UInt64's range that Int64 holds (and of the 128-bit types' ranges).
    public static let uint64 = narrowInteger("UInt64", unsigned, 0...Int64.max)
    public static let int128 = narrowInteger("Int128", signed, Int64.min...Int64.max)
    public static let uint128 = narrowInteger("UInt128", unsigned, 0...Int64.max)
    /// `Float16`: values rounded to half precision, kept as Float64 values.
    public static let float16 = JType(name: "Float16", super: abstractFloat, bits: true)
    static func narrowInteger(_ name: String, _ s: JType, _ r: ClosedRange<Int64>) -> JType {
        let t = JType(name: name, super: s, bits: true)
        t.integerRange = r
        return t
    }
    public static let float64 = JType(name: "Float64", tag: .float64, super: abstractFloat, bits: true)
    public static let float32 = JType(name: "Float32", tag: .float32, super: abstractFloat, bits: true)
    public static let bool = JType(name: "Bool", tag: .bool, super: integer, bits: true)
    public static let abstractChar = JType(name: "AbstractChar", super: any, abstract: true)
    public static let char = JType(name: "Char", tag: .char, super: abstractChar, bits: true)
    public static let abstractString = JType(name: "AbstractString", super: any, abstract: true)
    public static let string = JType(name: "String", tag: .string, super: abstractString)
    public static let symbol = JType(name: "Symbol", tag: .symbol, super: any)
    public static let nothingType = JType(name: "Nothing", tag: .nothing, super: any, bits: true)
    public static let function = JType(name: "Function", tag: .function, super: any, abstract: true)
    public static let typeType = JType(name: "Type", super: any, abstract: true)
    public static let dataType = JType(name: "DataType", tag: .dataType, super: typeType)
    public static let unionAllType = JType(name: "UnionAll", super: typeType)
    public static let module = JType(name: "Module", tag: .module, super: any)
    public static let exception = JType(name: "Exception", super: any, abstract: true)
    public static let future = JType(name: "Future", tag: .future, super: abstractRemoteRef)
    public static let abstractRemoteRef = JType(name: "AbstractRemoteRef", super: any, abstract: true)
    public static let task = JType(name: "Task", tag: .task, super: any)
    public static let condition = JType(name: "Condition", super: any)
    public static let unionFamily = JType(name: "Union", super: any, abstract: true)
    public static let box = JType(name: "Core.Box", super: any)
    public static let namedTuple = JType(name: "NamedTuple", tag: .namedTuple, super: any)

    nonisolated(unsafe) private static var namedTupleTypes: [String: JType] = [:]
    /// The same types by the identities of their names and field types (symbols and types are
    /// immortal): found without writing the name, which cost thousands of instructions per
    /// named tuple pushed into a typed vector.
    private final class LastNamedTuple {
        var names: [JSym] = [], types: [JType] = [], type: JType?
    }
    nonisolated(unsafe) private static let lastNamedTuple = LastNamedTuple()
    nonisolated(unsafe) private static var namedTupleTypesByIdentity: [[ObjectIdentifier]: JType] = [:]

    /// The type of a named tuple with these names and values: the last one found when it
    /// matches, checked value by value with no array of types made (a named tuple pushed into
    /// a typed vector asks this each time).
    public static func namedTuple(names: [JSym], values: [Value]) -> JType {
        let n = names.count
        tupleLock.lock()
        let last = lastNamedTuple
        if let t = last.type, last.names.count == n, last.types.count == n, values.count == n {
            var same = true
            for i in 0..<n where last.names[i] !== names[i] || !isType(last.types[i], of: values[i]) {
                same = false
                break
            }
            if same {
                tupleLock.unlock()
                return t
            }
        }
        tupleLock.unlock()
        return namedTuple(names: names, types: values.map { Runtime.staticTypeOf($0) })
    }

    /// True when `t` is the type of `v`: by the tag for numbers, strings and `Bool`s.
    @inline(__always) private static func isType(_ t: JType, of v: Value) -> Bool {
        switch v {
        case .int: return t.tag == .int64
        case .float: return t.tag == .float64
        case .str: return t.tag == .string
        case .bool: return t.tag == .bool
        default: return t === Runtime.staticTypeOf(v)
        }
    }

    /// `NamedTuple{(:a, :b),Tuple{Int64,Float64}}`: a subtype of `NamedTuple` per shape, named
    /// as Julia 1.0 prints it.
    public static func namedTuple(names: [JSym], types: [JType]) -> JType {
        // messages are decoded on the event loops' threads too
        tupleLock.lock()
        // the last one found, compared part by part: records made in a loop are all of one
        // type, and making the key and hashing it cost ~2,000 instructions a record
        let last = lastNamedTuple
        if let t = last.type, last.names.count == names.count, last.types.count == types.count,
           zip(last.names, names).allSatisfy({ $0 === $1 }), zip(last.types, types).allSatisfy({ $0 === $1 }) {
            tupleLock.unlock()
            return t
        }
        tupleLock.unlock()
        let key = names.map { ObjectIdentifier($0) } + types.map { ObjectIdentifier($0) }
        tupleLock.lock()
        let known = namedTupleTypesByIdentity[key]
        if let t = known { last.names = names; last.types = types; last.type = t }
        tupleLock.unlock()
        if let t = known { return t }
        let syms = names.map { ":" + $0.name }.joined(separator: ", ") + (names.count == 1 ? "," : "")
        let text = "NamedTuple{(\(syms)),\(tuple(types))}"
        tupleLock.lock()
        defer { tupleLock.unlock() }
        let t = namedTupleTypes[text] ?? JType(name: text, tag: .namedTuple, super: namedTuple)
        namedTupleTypes[text] = t
        namedTupleTypesByIdentity[key] = t
        return t
    }
    public static let ioType = JType(name: "IO", super: any, abstract: true)
    public static let ioBuffer = JType(name: "IOBuffer", super: ioType)
    public static let abstractWorkerPool = JType(name: "AbstractWorkerPool", super: any, abstract: true)
    public static let workerPool = JType(name: "WorkerPool", super: abstractWorkerPool)
    public static let cachingPool = JType(name: "CachingPool", super: abstractWorkerPool)
    public static let undefInitializer = JType(name: "UndefInitializer", super: any)
    public static let mime = JType(name: "MIME", super: any)
    public static let colonType = JType(name: "Colon", super: any)
    public static let typeVarType = JType(name: "TypeVar", super: any)

    // MARK: Parametric families

    public static let abstractArrayFamily: JType = {
        let t = JType(name: "AbstractArray", super: any, abstract: true, arity: 2)
        return t
    }()
    public static let denseArrayFamily: JType = {
        let t = JType(name: "DenseArray", super: any, abstract: true, arity: 2)
        t.superMap = { JType.apply(abstractArrayFamily, $0) }
        return t
    }()
    public static let arrayFamily: JType = {
        let t = JType(name: "Array", tag: .array, super: any, mutable: true, arity: 2)
        t.superMap = { JType.apply(denseArrayFamily, $0) }
        return t
    }()
    public static let sharedArrayFamily: JType = {
        let t = JType(name: "SharedArray", tag: .sharedArray, super: any, mutable: true, arity: 2)
        t.superMap = { JType.apply(abstractArrayFamily, $0) }
        return t
    }()
    /// `BitArray{N}`: what broadcasting collects `Bool` results into.
    public static let bitArrayFamily: JType = {
        let t = JType(name: "BitArray", super: any, mutable: true, arity: 1)
        t.superMap = { JType.apply(abstractArrayFamily, [.type(JType.bool), $0.first ?? .free]) }
        return t
    }()
    public static let abstractRangeFamily: JType = {
        let t = JType(name: "AbstractRange", super: any, abstract: true, arity: 1)
        t.superMap = { JType.apply(abstractArrayFamily, [$0.first ?? .free, .int(1)]) }
        return t
    }()
    public static let unitRangeFamily: JType = {
        let t = JType(name: "UnitRange", tag: .unitRange, super: any, arity: 1)
        t.superMap = { JType.apply(abstractRangeFamily, [$0.first ?? .free]) }
        return t
    }()
    public static let stepRangeFamily: JType = {
        let t = JType(name: "StepRange", tag: .stepRange, super: any, arity: 2)
        t.superMap = { JType.apply(abstractRangeFamily, [$0.first ?? .free]) }
        return t
    }()
    public static let stepRangeLenFamily: JType = {
        let t = JType(name: "StepRangeLen", tag: .stepRangeLen, super: any, arity: 1)
        t.superMap = { JType.apply(abstractRangeFamily, [$0.first ?? .free]) }
        return t
    }()
    public static let tupleFamily = JType(name: "Tuple", tag: .tuple, super: any, arity: -1)
    public static let abstractDictFamily = JType(name: "AbstractDict", super: any, abstract: true, arity: 2)
    public static let dictFamily: JType = {
        let t = JType(name: "Dict", tag: .dict, super: any, mutable: true, arity: 2)
        t.superMap = { JType.apply(abstractDictFamily, $0) }
        return t
    }()
    /// `Base.EnvDict <: AbstractDict{String,String}`: the type of `ENV`.
    public static let envDict = JType(name: "Base.EnvDict", super: apply(abstractDictFamily, [.type(string), .type(string)]))
    public static let abstractSetFamily = JType(name: "AbstractSet", super: any, abstract: true, arity: 1)
    /// `BitSet <: AbstractSet{Int}`: a set of integers kept in order.
    public static let bitSet = JType(name: "BitSet", super: apply(abstractSetFamily, [.type(int64)]))
    public static let setFamily: JType = {
        let t = JType(name: "Set", tag: .set, super: any, mutable: true, arity: 1)
        t.superMap = { JType.apply(abstractSetFamily, $0) }
        return t
    }()
    public static let pairFamily = JType(name: "Pair", tag: .pair, super: any, arity: 2)
    public static let abstractChannelFamily = JType(name: "AbstractChannel", super: any, abstract: true, arity: 1)
    public static let channelFamily: JType = {
        let t = JType(name: "Channel", tag: .channel, super: any, mutable: true, arity: 1)
        t.superMap = { JType.apply(abstractChannelFamily, $0) }
        return t
    }()
    public static let remoteChannelFamily: JType = {
        let t = JType(name: "RemoteChannel", tag: .remoteChannel, super: any, arity: 1)
        t.superMap = { _ in abstractRemoteRef }
        return t
    }()
    public static let refFamily = JType(name: "Ref", super: any, mutable: true, arity: 1)
    /// `Ptr{T}`: an address; the language makes only `C_NULL` (`Ptr{Nothing}` at 0), which
    /// programs pass around and compare.
    public static let ptrFamily: JType = {
        let t = JType(name: "Ptr", super: any, arity: 1)
        t.fieldNames = [JSym.intern("addr")]
        t.fieldTypes = [int64]
        t.isStructType = true
        return t
    }()

    // MARK: Convenient instantiations

    /// `Array{T,N}`.
    public static func array(_ t: JType, _ n: Int) -> JType { apply(arrayFamily, [.type(t), .int(n)]) }
    /// `SharedArray{T,N}`.
    public static func bitArray(_ n: Int) -> JType { apply(bitArrayFamily, [.int(n)]) }
    public static func sharedArray(_ t: JType, _ n: Int) -> JType { apply(sharedArrayFamily, [.type(t), .int(n)]) }
    /// `Tuple{...}`.
    public static func tuple(_ ts: [JType]) -> JType {
        // by the identities of the item types first (`apply` makes its key, then takes a lock)
        let key = ts.map { ObjectIdentifier($0) }
        tupleLock.lock()
        let known = tupleTypes[key]
        tupleLock.unlock()
        if let t = known { return t }
        let t = apply(tupleFamily, ts.map { .type($0) })
        tupleLock.lock()
        tupleTypes[key] = t
        tupleLock.unlock()
        return t
    }
    nonisolated(unsafe) private static var tupleTypes: [[ObjectIdentifier]: JType] = [:]
    private static let tupleLock = NSLock()
    /// `Channel{T}`.
    public static func channel(_ t: JType) -> JType { apply(channelFamily, [.type(t)]) }
    /// `Dict{K,V}`.
    public static func dict(_ k: JType, _ v: JType) -> JType { apply(dictFamily, [.type(k), .type(v)]) }

    // MARK: Exceptions (built-in struct types)

    static func exceptionType(_ name: String, _ fields: [String], _ types: [JType]? = nil, super s: JType? = nil) -> JType {
        let syms = fields.map { JSym.intern($0) }
        return makeStruct(name: name, modulePath: [], super: s ?? exception, mutable: false, fields: syms,
                          types: types ?? Array(repeating: any, count: fields.count))
    }

    public static let errorException = exceptionType("ErrorException", ["msg"], [string])
    public static let argumentError = exceptionType("ArgumentError", ["msg"], [string])
    public static let boundsError = exceptionType("BoundsError", ["a", "i"])
    public static let undefVarError = exceptionType("UndefVarError", ["var"], [symbol])
    public static let undefRefError = exceptionType("UndefRefError", [])
    public static let undefKeywordError = exceptionType("UndefKeywordError", ["var"], [symbol])
    public static let methodError = exceptionType("MethodError", ["f", "args"])
    public static let divideError = exceptionType("DivideError", [])
    public static let domainError = exceptionType("DomainError", ["val", "msg"])
    public static let keyError = exceptionType("KeyError", ["key"])
    public static let inexactError = exceptionType("InexactError", ["func", "T", "val"])
    public static let overflowError = exceptionType("OverflowError", ["msg"], [string])
    public static let stackOverflowError = exceptionType("StackOverflowError", [])
    public static let outOfMemoryError = exceptionType("OutOfMemoryError", [])
    public static let interruptException = exceptionType("InterruptException", [])
    public static let assertionError = exceptionType("AssertionError", ["msg"], [string])
    public static let dimensionMismatch = exceptionType("DimensionMismatch", ["msg"], [string])
    public static let typeError = exceptionType("TypeError", ["func", "context", "expected", "got"])
    public static let invalidStateException = exceptionType("InvalidStateException", ["msg", "state"])
    public static let eofError = exceptionType("EOFError", [])
    public static let systemError = exceptionType("SystemError", ["prefix", "errnum"])
    public static let stringIndexError = exceptionType("StringIndexError", ["string", "index"])
    public static let loadError = exceptionType("LoadError", ["file", "line", "error"])
    public static let remoteException = exceptionType("RemoteException", ["pid", "captured"])
    public static let capturedException = exceptionType("CapturedException", ["ex", "processed_bt"])
    public static let processExitedException = exceptionType("ProcessExitedException", ["worker_id"], [int64])
    public static let compositeException = exceptionType("CompositeException", ["exceptions"])
    public static let taskFailedException = exceptionType("TaskFailedException", ["task"])
    public static let syntaxError = exceptionType("ParseError", ["msg"], [string])
    public static let singularException = exceptionType("SingularException", ["info"], [int64])
    public static let batchProcessingError = exceptionType("BatchProcessingError", ["data", "ex"])

    /// Every built-in exception type, for registration as names in Base.
    public static var builtinExceptions: [JType] {
        [errorException, argumentError, boundsError, undefVarError, undefRefError, undefKeywordError,
         methodError, divideError, domainError, keyError, inexactError, overflowError,
         stackOverflowError, outOfMemoryError, interruptException, assertionError, dimensionMismatch, typeError,
         invalidStateException, eofError, systemError, stringIndexError, loadError, remoteException,
         capturedException, processExitedException, compositeException, taskFailedException, syntaxError,
         singularException, batchProcessingError, processFailedException, ioError]
    }
}

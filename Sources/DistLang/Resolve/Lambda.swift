/// A resolved function body: its parameters, its frame layout, what it captures, and the
/// globals it mentions. Methods, closures, `@async` and `@spawnat` bodies, and each top-level
/// statement are lambdas.
public final class Lambda {
    /// The function's name (`#3` for an anonymous function).
    public let name: String
    public let params: [ParamInfo]
    /// Parameters without defaults.
    public let nRequired: Int
    /// The last parameter collects the remaining arguments (`dims...`).
    public let isVararg: Bool
    public let kwParams: [KeywordParamInfo]
    /// `kws...` in the keyword parameters.
    public let kwSplat: LocalVar?
    /// Frame size.
    public let nslots: Int
    /// Every local, for the prologue that boxes captured ones.
    public let locals: [LocalVar]
    /// Where each captured cell comes from when the closure is created.
    public let captures: [CaptureSource]
    /// The names of the captured variables, for messages and shipping.
    public let captureNames: [JSym]
    public let body: IR
    /// Globals the body (and nested lambdas) mention, which a shipped closure may carry.
    public let globalsUsed: [GlobalRef]
    /// The module whose globals the body uses.
    public let module: [JSym]
    /// Set for the lambdas of `@everywhere` and top-level statements (no captures, no params).
    public let isToplevel: Bool

    /// The compiled form, made on first call in this process.
    public var compiled: AnyObject?
    /// The file the code came from (`REPL[3]`, `none` for `-e`, a path), for stack traces.
    public var file = "none"
    /// The line of the body's first statement: where a stack trace places a frame whose body
    /// is one statement (a multi-statement body knows the line of each statement).
    public var line: Int32 = 0

    public init(name: String, params: [ParamInfo], nRequired: Int, isVararg: Bool, kwParams: [KeywordParamInfo],
                kwSplat: LocalVar?, nslots: Int, locals: [LocalVar], captures: [CaptureSource], captureNames: [JSym],
                body: IR, globalsUsed: [GlobalRef], module: [JSym], isToplevel: Bool) {
        self.name = name
        self.params = params
        self.nRequired = nRequired
        self.isVararg = isVararg
        self.kwParams = kwParams
        self.kwSplat = kwSplat
        self.nslots = nslots
        self.locals = locals
        self.captures = captures
        self.captureNames = captureNames
        self.body = body
        self.globalsUsed = globalsUsed
        self.module = module
        self.isToplevel = isToplevel
    }
}

/// A positional parameter.
public struct ParamInfo {
    public let name: JSym
    public let local: LocalVar
    /// The declared type (evaluated when the method is defined), or nil for `Any`.
    public let type: IR?
    /// The default value, evaluated in the callee's frame when the argument is missing.
    public let defaultValue: IR?

    public init(name: JSym, local: LocalVar, type: IR?, defaultValue: IR?) {
        self.name = name
        self.local = local
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// A keyword parameter.
public struct KeywordParamInfo {
    public let name: JSym
    public let local: LocalVar
    public let type: IR?
    /// nil: the keyword is required (`UndefKeywordError` when missing).
    public let defaultValue: IR?

    public init(name: JSym, local: LocalVar, type: IR?, defaultValue: IR?) {
        self.name = name
        self.local = local
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// Where a closure's captured cell comes from in the frame that creates it.
public enum CaptureSource {
    /// The creating lambda's local (its box).
    case local(LocalVar)
    /// The creating closure's own captured cell.
    case captured(Int)
}

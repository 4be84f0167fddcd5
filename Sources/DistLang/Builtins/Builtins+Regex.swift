import Foundation

/// `Regex` and `r"…"`: regular expressions (ICU syntax through Foundation, close to Julia's
/// PCRE for everyday patterns), for `occursin` and `@test_logs`.
final class JRegex: JObject, CustomShow {
    let pattern: String
    let compiled: NSRegularExpression

    init(_ pattern: String) throws {
        self.pattern = pattern
        do {
            compiled = try NSRegularExpression(pattern: pattern)
        } catch {
            throw JuliaError.error("PCRE compilation error: invalid regular expression \(pattern)")
        }
    }

    override var jtype: JType { JType.regex }

    func matches(_ s: String) -> Bool {
        compiled.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
    }

    func showText(_ rt: Runtime, _ t: Ctx?) throws -> String { "r\"" + pattern + "\"" }
}

extension JType {
    public static let regex = JType(name: "Regex", super: any)
}

extension Builtins {
    static func installRegex(_ rt: Runtime) {
        rt.defType("Regex", .regex)
        rt.constructors[ObjectIdentifier(JType.regex)] = { _, _, a in
            try a.expect(1, "Regex")
            return .obj(try JRegex(try a.string(0, "Regex")))
        }
    }
}

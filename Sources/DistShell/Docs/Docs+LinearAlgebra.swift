extension Docs {
    static let linearAlgebra: [String: String] = [:]
}

extension Docs {
    static let math: [String: String] = [:]
}

extension Docs {
    static let distributed: [String: String] = [:]
}

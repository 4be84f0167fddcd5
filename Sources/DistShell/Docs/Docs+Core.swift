extension Docs {
    static let core: [String: String] = [:]
}

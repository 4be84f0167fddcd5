extension Docs {
    static let io: [String: String] = [:]
}

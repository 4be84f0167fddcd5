extension Docs {
    static let sharedArrays: [String: String] = [:]
}

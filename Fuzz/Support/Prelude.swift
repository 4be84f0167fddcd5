/// Definitions evaluated in every fuzzing runtime (as in the wire tests' `sharedDefinitions`),
/// so that values of user types, nested modules and abstract types can travel and be shown.
public let fuzzPrelude = """
struct Point
    x::Float64
    y::Float64
end
mutable struct Account
    owner::String
    balance::Int64
end
mutable struct Node
    value
    next
end
abstract type Shape end
module Geometry
    struct Circle
        r::Float64
    end
end
"""

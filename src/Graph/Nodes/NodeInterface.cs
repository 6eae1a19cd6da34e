using GraphQL.Types;

namespace JlnbCrm.Graph.Nodes;

/// <summary>Relay's Node: anything with a global id, fetchable with <c>node(id:)</c>.</summary>
public sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global id, e.g. for node(id:).");
    }
}

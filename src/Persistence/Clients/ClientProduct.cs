using JlnbCrm.Products;

namespace JlnbCrm.Clients;

/// <summary>A product a client holds, since a date. One row per (client, product).</summary>
public sealed class ClientProduct : Access.IClientOwned
{
    private ClientProduct() { }

    internal ClientProduct(Client client, Product product, DateOnly subscribedOn)
    {
        Client = client;
        Product = product;
        ProductId = product.Id;
        SubscribedOn = subscribedOn;
    }

    public long Id { get; private set; }
    public long ClientId { get; private set; }
    public Client? Client { get; private set; }
    public long ClientRmId { get; private set; }
    public long? ClientTeamId { get; private set; }
    void Access.IClientOwned.CopyClientOwner(long rmId, long? teamId) => (ClientRmId, ClientTeamId) = (rmId, teamId);
    public long ProductId { get; private set; }
    public Product? Product { get; private set; }
    public DateOnly SubscribedOn { get; private set; }
    public DateTime CreatedAt { get; private set; }

    internal void Stamp(DateTime utcNow) => CreatedAt = utcNow;
}

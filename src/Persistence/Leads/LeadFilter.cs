using JlnbCrm.Domain;

namespace JlnbCrm.Leads;

/// <summary>The pipeline screen's filters (and its CSV export): every one optional; dates are UTC instants.</summary>
public sealed record LeadFilter(
    LeadStatus? Status = null, long? ConversionRmId = null, long? ProductId = null,
    ModeOfCommunication? Mode = null, DateTime? CreatedFrom = null, DateTime? CreatedBefore = null, string? Name = null)
{
    public IQueryable<Lead> Apply(IQueryable<Lead> leads)
    {
        if (Status is { } status) leads = leads.Where(l => l.Status == status);
        if (ConversionRmId is { } rm) leads = leads.Where(l => (l.ConversionRmId ?? l.RefObtainedById) == rm);
        if (ProductId is { } product) leads = leads.Where(l => l.ProductId == product);
        if (Mode is { } mode) leads = leads.Where(l => l.ModeOfCommunication == mode);
        if (CreatedFrom is { } from) leads = leads.Where(l => l.CreatedAt >= from);
        if (CreatedBefore is { } before) leads = leads.Where(l => l.CreatedAt < before);
        if (SearchText.Require(Name, "name")?.Trim() is { Length: > 0 } name) leads = leads.Where(l => l.ProspectName.ToLower().Contains(name.ToLower()));
        return leads;
    }
}

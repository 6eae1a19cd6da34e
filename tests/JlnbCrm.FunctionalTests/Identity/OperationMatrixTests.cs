using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using JlnbCrm.FunctionalTests.Graph;
using JlnbCrm.Graph.Hosting;
using static JlnbCrm.FunctionalTests.Graph.Operations;

namespace JlnbCrm.FunctionalTests.Identity;

/// <summary>
/// docs/access.md's "every operation, role by role" table, run cell by cell over GraphQL. Each cell gets its
/// own fresh record owned by Priya (set up by the admin), so cells do not depend on each other. A refusal of a
/// record the person sees must be AUTH_NOT_AUTHORIZED, of one they do not see NOT_FOUND: rows "seen through
/// service requests / queries" first prove that every persona sees the client, so their refusals are about the
/// right to act, not about visibility.
/// </summary>
public abstract partial class OperationMatrixTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : class, IGraphApp
{
    public static TheoryData<string, string, bool> Cells()
    {
        var lines = File.ReadAllLines(Path.Combine(SchemaFile.RepositoryRoot()!, "docs", "access.md"));
        var table = lines.SkipWhile(l => l != "<!-- operation-matrix -->").Skip(1).TakeWhile(l => l != "<!-- /operation-matrix -->").ToList();
        var personas = Cellsof(table[0]).Skip(1).Select(h => Email().Match(h).Groups[1].Value).ToList();
        var data = new TheoryData<string, string, bool>();
        foreach (var row in table.Skip(2).Select(Cellsof))
            for (var i = 0; i < personas.Count; i++)
                data.Add(row[0], personas[i], row[i + 1].Split(' ')[0] switch { "✓" => true, "✗" => false, var x => throw new FormatException($"cell '{x}'") });
        return data;
    }

    private static string[] Cellsof(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Email();

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_may_do_exactly_what_the_permission_table_says(string operation, string persona, bool allowed)
    {
        var actor = app.ClientAs(persona);
        var (field, response) = await Run(operation, actor, persona);
        var codes = response["errors"] is JsonArray top
            ? top.Select(e => e!["extensions"]?["code"]?.GetValue<string>()).ToList()
            : response["data"]![field] is JsonObject payload // a mutation's payload; a read of a list has no errors field
                ? payload["errors"]?.AsArray().Select(e => e!["code"]?.GetValue<string>()).ToList() ?? []
                : [];
        if (allowed)
        {
            Assert.True(codes.Count == 0, $"{persona} should be allowed to {operation}: {response.ToJsonString()}");
            return;
        }
        // The record acted on is unchanged by a refusal, so whether the person sees it can be asked afterwards.
        var expected = operation.EndsWith("(duplicate check)") ? ["POSSIBLE_DUPLICATE"] // flagged for all; named only to who sees it
            : _target is null ? ["NOT_FOUND", "AUTH_NOT_AUTHORIZED"]
            : operation.EndsWith("(has history)") && persona == "admin@jlnb.in" ? ["IN_USE"] // allowed, but the record is kept
            : await SeesAsync(actor, _target) ? new[] { "AUTH_NOT_AUTHORIZED" } : ["NOT_FOUND"];
        Assert.True(codes.Count > 0 && codes.All(c => expected.Contains(c)),
            $"{persona} should be refused {operation} ({string.Join(" or ", expected)}): {response.ToJsonString()}");
    }

    /// <summary>The table names every mutation of the schema and the reads the wealth features added, so none goes unproven.</summary>
    [Fact]
    public void Every_mutation_and_the_guarded_reads_have_a_row()
    {
        var root = SchemaFile.RepositoryRoot()!;
        var schema = File.ReadAllText(Path.Combine(root, "schema.graphql"));
        var mutations = Regex.Match(schema, @"type Mutation \{(?<body>.*?)\n\}", RegexOptions.Singleline).Groups["body"].Value;
        var operations = Regex.Matches(mutations, @"^\s*(\w+)\(input:", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Concat(["myDay", "referrerLedger", "auditLog"]).ToList();
        Assert.Contains("exportClientData", operations);
        var named = Cells().Select(cell => Regex.Match((string)cell[0], @"^(read )?(\w+)").Groups[2].Value).ToHashSet();
        var missing = operations.Where(o => !named.Contains(o)).ToList();
        Assert.True(missing.Count == 0, $"docs/access.md's operation matrix has no row for: {string.Join(", ", missing)}");
    }

    /// <summary>The global id of the existing record the cell's operation acts on (null when it creates from nothing).</summary>
    private string? _target;

    private static async Task<bool> SeesAsync(GraphClient actor, string node) =>
        (await actor.DataAsync("query($id: ID!) { node(id: $id) { id } }", new { id = node }))["node"] is not null;

    private GraphClient Admin => app.Client();

    private async Task<(string Field, JsonNode Response)> Run(string operation, GraphClient actor, string persona)
    {
        async Task<(string, JsonNode)> Do(string field, string inputType, object input) =>
            (field, await actor.SendAsync(Mutation(field, inputType, "__typename"), new { input }));
        var priya = await Admin.UserIdAsync("priya.nair@jlnb.in");
        var vikram = await Admin.UserIdAsync("vikram.singh@jlnb.in");
        var product = await Admin.ProductIdAsync("JLNB Liquid Fund");

        var amit = await Admin.UserIdAsync("amit.verma@jlnb.in");
        var farhan = await Admin.UserIdAsync("farhan.qureshi@jlnb.in");
        var lakshmi = await Admin.UserIdAsync("lakshmi.iyer@jlnb.in");
        var me = await Admin.UserIdAsync(persona);
        const string seenThroughRequests = "on a client seen through service requests", seenThroughQueries = "on a client seen through queries";

        async Task<Rec> ClientFor(string op) => op.EndsWith(seenThroughRequests) ? await SeenThroughAsync(priya, amit, farhan, actor, requests: true)
            : op.EndsWith(seenThroughQueries) ? await SeenThroughAsync(priya, amit, farhan, actor, requests: false)
            : Target(await PriyasClientAsync(priya));

        switch (operation)
        {
            case "createClient with themselves as RM":
                return await Do("createClient", "CreateClientInput", new { name = "Matrix Client", pan = NewPan() });
            case "createClient with Priya as RM":
                return await Do("createClient", "CreateClientInput", new { name = "Matrix Client", pan = NewPan(), assignedRmId = priya });
            case "updateClient" or $"updateClient {seenThroughRequests}" or $"updateClient {seenThroughQueries}":
            {
                var client = await ClientFor(operation);
                return await Do("updateClient", "UpdateClientInput", new { id = client.Id, version = client.Version, mobile = "9876500000" });
            }
            case "updateClient rescheduling its review" or $"updateClient rescheduling its review {seenThroughQueries}":
            {
                var client = await ClientFor(operation);
                return await Do("updateClient", "UpdateClientInput",
                    new { id = client.Id, version = client.Version, reviewFrequency = "QUARTERLY", nextReviewOn = "2027-03-01" });
            }
            case "recordKyc" or $"recordKyc {seenThroughRequests}":
            {
                var client = await ClientFor(operation);
                return await Do("recordKyc", "RecordKycInput", new { clientId = client.Id, status = "ON_HOLD" });
            }
            case "assignClientRm to Vikram" or $"assignClientRm to Vikram {seenThroughRequests}" or $"assignClientRm to themselves {seenThroughQueries}":
            {
                var client = await ClientFor(operation);
                var rm = operation.Contains("themselves") ? me : vikram;
                return await Do("assignClientRm", "AssignClientRmInput", new { id = client.Id, version = client.Version, rmId = rm });
            }
            case "addClientProduct" or $"addClientProduct {seenThroughRequests}":
                return await Do("addClientProduct", "AddClientProductInput", new { clientId = (await ClientFor(operation)).Id, productId = product });
            case "removeClientProduct" or $"removeClientProduct {seenThroughQueries}":
            {
                var client = await ClientFor(operation);
                await Admin.MutateAsync(Mutation("addClientProduct", "AddClientProductInput", "__typename"), "addClientProduct", new { clientId = client.Id, productId = product });
                return await Do("removeClientProduct", "RemoveClientProductInput", new { clientId = client.Id, productId = product });
            }
            case "createLead obtained by themselves":
                return await Do("createLead", "CreateLeadInput", new { prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, mobile = "9820011111", addAnyway = true });
            case "createLead obtained by Priya":
                return await Do("createLead", "CreateLeadInput", new { prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, mobile = "9820011111", addAnyway = true, refObtainedById = priya });
            case $"createLead referred by a client seen through service requests":
            {
                // Naming a client as the one who gave a reference reads the client; it does not change it.
                var client = await SeenThroughAsync(priya, amit, farhan, actor, requests: true);
                return await Do("createLead", "CreateLeadInput", new { prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, mobile = "9820011111", addAnyway = true, refGivenByClientId = client.Id });
            }
            case "updateLead":
            {
                var lead = Target(await PriyasLeadAsync(priya, product));
                return await Do("updateLead", "UpdateLeadInput", new { id = lead.Id, version = lead.Version, notes = "Prefers mornings" });
            }
            case "moveLeadToWip":
            {
                var lead = Target(await PriyasLeadAsync(priya, product));
                return await Do("moveLeadToWip", "MoveLeadToWipInput", new { id = lead.Id, version = lead.Version });
            }
            case "denyLead" or "denyLead Amit obtained for Priya to convert":
            {
                var lead = Target(operation == "denyLead" ? await PriyasLeadAsync(priya, product) : await AmitsLeadForPriyaAsync(amit, priya, product));
                return await Do("denyLead", "DenyLeadInput", new { id = lead.Id, version = lead.Version, reason = "Not interested" });
            }
            case "assignConversionRm to Vikram" or "assignConversionRm to themselves, a lead Amit obtained for Priya to convert":
            {
                var toVikram = operation == "assignConversionRm to Vikram";
                var lead = Target(toVikram ? await PriyasLeadAsync(priya, product) : await AmitsLeadForPriyaAsync(amit, priya, product));
                return await Do("assignConversionRm", "AssignConversionRmInput", new { id = lead.Id, version = lead.Version, rmId = toVikram ? vikram : me });
            }
            case "convertLead":
            {
                var lead = Target(await PriyasLeadAsync(priya, product));
                return await Do("convertLead", "ConvertLeadInput", new { id = lead.Id, version = lead.Version, pan = NewPan() });
            }
            case "convertLead they obtained, Priya converting":
            {
                // The new client's RM is Priya: only she, her head or an admin may create a client for her.
                var obtained = await PriyasLeadAsync(me, product);
                var lead = Target(Row((await Admin.MutateAsync(Mutation("assignConversionRm", "AssignConversionRmInput", "lead { id databaseId version }"),
                    "assignConversionRm", new { id = obtained.Id, version = obtained.Version, rmId = priya }))["lead"]!));
                return await Do("convertLead", "ConvertLeadInput", new { id = lead.Id, version = lead.Version, pan = NewPan() });
            }
            case $"convertLead they obtained into a client seen through service requests (same PAN)":
            {
                // Converting links the client who has the PAN and adds a holding to it: work on that client.
                var client = await SeenThroughAsync(priya, amit, farhan, actor, requests: true);
                var lead = Target(await PriyasLeadAsync(me, product));
                return await Do("convertLead", "ConvertLeadInput", new { id = lead.Id, version = lead.Version, pan = client.Pan });
            }
            case "logInteraction" or $"logInteraction {seenThroughRequests}":
                return await Do("logInteraction", "LogInteractionInput", new { clientId = (await ClientFor(operation)).Id, type = "PORTFOLIO_REVIEW", details = "Quarterly review" });
            case $"logInteraction with cross-sell {seenThroughRequests}":
                return await Do("logInteraction", "LogInteractionInput", new { clientId = (await ClientFor(operation)).Id, type = "PORTFOLIO_REVIEW", details = "Quarterly review", crossSellProductIds = new[] { product } });
            case "openClientQuery" or $"openClientQuery for its RM {seenThroughRequests}":
                return await Do("openClientQuery", "OpenClientQueryInput", new { clientId = (await ClientFor(operation)).Id, details = "Statement missing" });
            case $"openClientQuery for themselves {seenThroughRequests}":
                return await Do("openClientQuery", "OpenClientQueryInput", new { clientId = (await ClientFor(operation)).Id, details = "Statement missing", assignedRmId = me });
            case "assignClientQuery to Vikram" or "assignClientQuery to themselves, one Amit works on Priya's client":
            {
                var toVikram = operation == "assignClientQuery to Vikram";
                var query = Target(await QueryAsync(toVikram ? priya : amit, priya));
                return await Do("assignClientQuery", "AssignClientQueryInput", new { id = query.Id, version = query.Version, rmId = toVikram ? vikram : me });
            }
            case "resolveClientQuery" or "resolveClientQuery Amit works on Priya's client":
            {
                var query = Target(await QueryAsync(operation == "resolveClientQuery" ? priya : amit, priya));
                return await Do("resolveClientQuery", "ResolveClientQueryInput", new { id = query.Id, version = query.Version, resolution = "Statement re-sent" });
            }
            case "updateClientQuery":
            {
                var query = Target(await QueryAsync(priya, priya));
                return await Do("updateClientQuery", "UpdateClientQueryInput", new { id = query.Id, version = query.Version, details = "Statement for March missing" });
            }
            case "startClientQuery":
            {
                var query = Target(await QueryAsync(priya, priya));
                return await Do("startClientQuery", "StartClientQueryInput", new { id = query.Id, version = query.Version });
            }
            case "closeClientQuery":
            {
                var query = Target(await QueryAsync(priya, priya));
                return await Do("closeClientQuery", "CloseClientQueryInput", new { id = query.Id, version = query.Version, resolution = "Duplicate of an earlier query" });
            }
            case "createServiceRequest" or $"createServiceRequest {seenThroughQueries}":
                return await Do("createServiceRequest", "CreateServiceRequestInput", new { clientId = (await ClientFor(operation)).Id, type = "CONTACT_UPDATE", details = "New mobile" });
            case "createServiceRequest assigned to Farhan":
                return await Do("createServiceRequest", "CreateServiceRequestInput", new { clientId = (await PriyasClientAsync(priya)).Id, type = "CONTACT_UPDATE", details = "New mobile", assignedUserId = farhan });
            case "assignServiceRequest (unassigned) to Farhan" or "assignServiceRequest (unassigned) to Lakshmi":
            {
                var request = Target(await RequestAsync(priya, null));
                return await Do("assignServiceRequest", "AssignServiceRequestInput", new { id = request.Id, version = request.Version, userId = operation.EndsWith("Farhan") ? farhan : lakshmi });
            }
            case "assignServiceRequest to Farhan, one Lakshmi works":
            {
                var request = Target(await RequestAsync(priya, lakshmi));
                return await Do("assignServiceRequest", "AssignServiceRequestInput", new { id = request.Id, version = request.Version, userId = farhan });
            }
            case "moveServiceRequest (start one assigned to Farhan)":
            {
                var request = Target(await RequestAsync(priya, farhan));
                return await Do("moveServiceRequest", "MoveServiceRequestInput", new { id = request.Id, version = request.Version, status = "IN_PROGRESS" });
            }
            case "moveServiceRequest (reject a pending one)":
            {
                var request = Target(await RequestAsync(priya, null));
                return await Do("moveServiceRequest", "MoveServiceRequestInput", new { id = request.Id, version = request.Version, status = "REJECTED", reason = "Duplicate request" });
            }
            case "deleteLead" or "deleteLead Amit obtained for Priya to convert":
            {
                var lead = Target(operation == "deleteLead" ? await PriyasLeadAsync(priya, product) : await AmitsLeadForPriyaAsync(amit, priya, product));
                return await Do("deleteLead", "DeleteLeadInput", new { id = lead.Id, version = lead.Version, reason = "Duplicate entry" });
            }
            case "deleteInteraction" or $"deleteInteraction Amit logged {seenThroughRequests}":
            {
                var mine = operation == "deleteInteraction";
                var client = mine ? Target(await PriyasClientAsync(priya)) : await SeenThroughAsync(priya, amit, farhan, actor, requests: true);
                var interaction = Target(Row((await Admin.MutateAsync(Mutation("logInteraction", "LogInteractionInput", "interaction { id databaseId version }"),
                    "logInteraction", new { clientId = client.Id, type = "PORTFOLIO_REVIEW", details = "Quarterly review", userId = mine ? priya : amit }))["interaction"]!));
                return await Do("deleteInteraction", "DeleteInteractionInput", new { id = interaction.Id, version = interaction.Version, reason = "Logged twice" });
            }
            case "deleteClientQuery" or "deleteClientQuery Amit works on Priya's client":
            {
                var query = Target(await QueryAsync(operation == "deleteClientQuery" ? priya : amit, priya));
                return await Do("deleteClientQuery", "DeleteClientQueryInput", new { id = query.Id, version = query.Version, reason = "Opened by mistake" });
            }
            case "deleteServiceRequest (unassigned)" or "deleteServiceRequest one Lakshmi works":
            {
                var request = Target(await RequestAsync(priya, operation.EndsWith("(unassigned)") ? null : lakshmi));
                return await Do("deleteServiceRequest", "DeleteServiceRequestInput", new { id = request.Id, version = request.Version, reason = "Raised twice" });
            }
            case "createHousehold headed by Priya's client":
            {
                var client = Target(await PriyasClientAsync(priya));
                return await Do("createHousehold", "CreateHouseholdInput", new { name = "Matrix Family", headClientId = client.Id });
            }
            case "addHouseholdMember (Priya's client to a household of Priya's)":
            {
                var head = await PriyasClientAsync(priya);
                var household = (await Admin.MutateAsync(Mutation("createHousehold", "CreateHouseholdInput", "household { databaseId }"),
                    "createHousehold", new { name = "Matrix Family", headClientId = head.Id }))["household"]!.Long("databaseId");
                var client = Target(await PriyasClientAsync(priya));
                return await Do("addHouseholdMember", "AddHouseholdMemberInput", new { householdId = household, clientId = client.Id });
            }
            case "renameHousehold headed by Priya's client":
            {
                var household = Target(await PriyasHouseholdAsync(priya));
                return await Do("renameHousehold", "RenameHouseholdInput", new { id = household.Id, version = household.Version, name = "Matrix Kin" });
            }
            case "removeHouseholdMember (Priya's client from a household of Priya's)"
                or "setHouseholdHead (Priya's client in a household of Priya's)":
            {
                var household = await PriyasHouseholdAsync(priya);
                var member = await PriyasClientAsync(priya);
                await Admin.MutateAsync(Mutation("addHouseholdMember", "AddHouseholdMemberInput", "__typename"), "addHouseholdMember",
                    new { householdId = household.Id, clientId = member.Id });
                if (operation.StartsWith("remove"))
                    return await Do("removeHouseholdMember", "RemoveHouseholdMemberInput", new { clientId = Target(member).Id });
                return await Do("setHouseholdHead", "SetHouseholdHeadInput", new { householdId = Target(household).Id, clientId = member.Id });
            }
            case "createLead with the PAN of Priya's client (duplicate check)" or "createLead with the PAN of Priya's client, addAnyway":
            {
                // Email only, so the PAN is the one thing that can match (named to those who see it, flagged for the rest).
                var client = await PriyasClientAsync(priya);
                return await Do("createLead", "CreateLeadInput", new
                {
                    prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, pan = client.Pan,
                    email = $"m{Guid.NewGuid():N}@example.in", addAnyway = operation.EndsWith("addAnyway"),
                });
            }
            case "createServiceRequest for a data-principal access request":
                return await Do("createServiceRequest", "CreateServiceRequestInput",
                    new { clientId = Target(await PriyasClientAsync(priya)).Id, type = "DATA_ACCESS", details = "Client asks for a copy of their data" });
            case "giveConsent" or $"giveConsent {seenThroughRequests}":
                return await Do("giveConsent", "GiveConsentInput",
                    new { clientId = (await ClientFor(operation)).Id, purpose = "MARKETING", evidence = "Signed form" });
            case "withdrawConsent" or $"withdrawConsent {seenThroughQueries}" or "withdrawConsent by the consent's database id (an id guess)":
            {
                var client = await ClientFor(operation);
                var consent = Target(Row((await Admin.MutateAsync(Mutation("giveConsent", "GiveConsentInput", "consent { id databaseId version }"),
                    "giveConsent", new { clientId = client.Id, purpose = "MARKETING", evidence = "Signed form" }))["consent"]!));
                var id = operation.EndsWith("(an id guess)") ? consent.Id.ToString() : consent.Node;
                return await Do("withdrawConsent", "WithdrawConsentInput", new { id, version = consent.Version, evidence = "Email" });
            }
            case "exportClientData" or $"exportClientData {seenThroughRequests}" or $"exportClientData {seenThroughQueries}"
                or "exportClientData by the client's database id (an id guess)":
            {
                var client = await ClientFor(operation);
                var id = operation.EndsWith("(an id guess)") ? client.Id.ToString() : client.Node;
                return await Do("exportClientData", "ExportClientDataInput", new { clientId = id, format = "JSON" });
            }
            case "exportClientData of the client who gave their reference (id read through a leads filter)":
            {
                // The reference is the persona's (obtained by them), so they read its giver's id; the giver stays Priya's.
                var client = Target(await PriyasClientAsync(priya));
                var lead = (await Admin.MutateAsync(Mutation("createLead", "CreateLeadInput", "lead { databaseId }"), "createLead", new
                {
                    prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, mobile = "9820011111",
                    addAnyway = true, refObtainedById = me, refGivenByClientId = client.Id,
                }))["lead"]!.Long("databaseId");
                var giver = (await actor.DataAsync("query($id: Long) { leads(where: { databaseId: { eq: $id } }) { edges { node { refGivenByClientId } } } }",
                    new { id = lead }))["leads"]!["edges"]![0]!["node"]!.Long("refGivenByClientId");
                Assert.Equal(client.Id, giver);
                return await Do("exportClientData", "ExportClientDataInput", new { clientId = giver, format = "CSV" });
            }
            case "read myDay":
                return ("myDay", await actor.SendAsync("{ myDay { today until reviewsDue { __typename } overdueQueries { id } } }"));
            case "read referrerLedger":
                return ("referrerLedger", await actor.SendAsync("{ referrerLedger(first: 5) { kind referrerId } }"));
            case "deleteClient without history" or $"deleteClient {seenThroughRequests} (has history)":
            {
                // A client with history is kept even by an admin (IN_USE); the others are refused before that is asked.
                var client = operation.EndsWith("(has history)") ? await SeenThroughAsync(priya, amit, farhan, actor, requests: true)
                    : Target(await PriyasClientAsync(priya));
                return await Do("deleteClient", "DeleteClientInput", new { id = client.Id, version = client.Version, reason = "Created by mistake" });
            }
            case "moveServiceRequest (complete one Lakshmi started)" or "reopenServiceRequest (a completed one)":
            {
                var request = Target(await MovedAsync(await RequestAsync(priya, lakshmi), "IN_PROGRESS"));
                if (operation.StartsWith("move"))
                    return await Do("moveServiceRequest", "MoveServiceRequestInput", new { id = request.Id, version = request.Version, status = "COMPLETED" });
                var completed = Target(await MovedAsync(request, "COMPLETED"));
                return await Do("reopenServiceRequest", "ReopenServiceRequestInput", new { id = completed.Id, version = completed.Version, reason = "Client disputes it" });
            }
            case "setTeamKind":
            {
                var team = (await Admin.MutateAsync(Mutation("createTeam", "CreateTeamInput", "team { databaseId version }"), "createTeam",
                    new { name = $"Matrix Desk {Guid.NewGuid():N}"[..24] }))["team"]!;
                return await Do("setTeamKind", "SetTeamKindInput", new { id = team.Long("databaseId"), version = team.Long("version"), kind = "OPERATIONS" });
            }
            case "setDeskRoute": // the route it already has: other cells keep their desks
                return await Do("setDeskRoute", "SetDeskRouteInput", new { type = "OTHER", teamId = await TeamIdAsync("Operations — Transactions") });
            case "setDefaultDesk":
                return await Do("setDefaultDesk", "SetDefaultDeskInput", new { teamId = await TeamIdAsync("Operations — KYC & Onboarding") });
            case "createUser":
                return await Do("createUser", "CreateUserInput", new { name = "Matrix User", email = $"m{Guid.NewGuid():N}@jlnb.in", role = "EXECUTIVE", teamId = 1, password = "Matrix@2026" });
            case "changeUserRole":
            {
                var user = (await Admin.MutateAsync(Mutation("createUser", "CreateUserInput", "user { databaseId version }"), "createUser",
                    new { name = "Matrix User", email = $"m{Guid.NewGuid():N}@jlnb.in", role = "EXECUTIVE", teamId = 1, password = "Matrix@2026" }))["user"]!;
                return await Do("changeUserRole", "ChangeUserRoleInput", new { id = user.Long("databaseId"), version = user.Long("version"), role = "HEAD", teamId = 1 });
            }
            case "updateServiceRequest (unassigned, Pending)":
            {
                var request = Target(await RequestAsync(priya, null));
                return await Do("updateServiceRequest", "UpdateServiceRequestInput", new { id = request.Id, version = request.Version, details = "Moved house in March" });
            }
            case "updateUser" or "deactivateUser" or "reactivateUser" or "resetUserPassword":
            {
                var user = Row((await Admin.MutateAsync(Mutation("createUser", "CreateUserInput", "user { id databaseId version }"), "createUser",
                    new { name = "Matrix User", email = $"m{Guid.NewGuid():N}@jlnb.in", role = "EXECUTIVE", teamId = 1, password = "Matrix@2026" }))["user"]!);
                if (operation == "reactivateUser")
                    user = Row((await Admin.MutateAsync(Mutation("deactivateUser", "DeactivateUserInput", "user { id databaseId version }"),
                        "deactivateUser", new { id = user.Id, version = user.Version }))["user"]!);
                return operation switch
                {
                    "updateUser" => await Do("updateUser", "UpdateUserInput", new { id = user.Id, version = user.Version, name = "Matrix User Renamed" }),
                    "resetUserPassword" => await Do("resetUserPassword", "ResetUserPasswordInput", new { id = user.Id, version = user.Version, password = "Matrix@2027" }),
                    _ => await Do(operation, char.ToUpperInvariant(operation[0]) + operation[1..] + "Input", new { id = user.Id, version = user.Version }),
                };
            }
            case "renameTeam":
            {
                var team = Row((await Admin.MutateAsync(Mutation("createTeam", "CreateTeamInput", "team { id databaseId version }"), "createTeam",
                    new { name = $"Matrix Team {Guid.NewGuid():N}"[..24] }))["team"]!);
                return await Do("renameTeam", "RenameTeamInput", new { id = team.Id, version = team.Version, name = $"Matrix Renamed {Guid.NewGuid():N}"[..24] });
            }
            case "updateProduct" or "reinstateProduct":
            {
                var created = Row((await Admin.MutateAsync(Mutation("createProduct", "CreateProductInput", "product { id databaseId version }"), "createProduct",
                    new { name = $"Matrix Fund {Guid.NewGuid():N}"[..24], category = "BONDS" }))["product"]!);
                if (operation == "updateProduct")
                    return await Do("updateProduct", "UpdateProductInput", new { id = created.Id, version = created.Version, name = $"Matrix Bond {Guid.NewGuid():N}"[..24], category = "BONDS" });
                var retired = Row((await Admin.MutateAsync(Mutation("retireProduct", "RetireProductInput", "product { id databaseId version }"),
                    "retireProduct", new { id = created.Id, version = created.Version }))["product"]!);
                return await Do("reinstateProduct", "ReinstateProductInput", new { id = retired.Id, version = retired.Version });
            }
            case "removeDeskRoute":
            {
                // OTHER's route is put back at once, so no later cell finds its requests on another desk.
                var removed = await Do("removeDeskRoute", "RemoveDeskRouteInput", new { type = "OTHER" });
                await Admin.MutateAsync(Mutation("setDeskRoute", "SetDeskRouteInput", "__typename"), "setDeskRoute",
                    new { type = "OTHER", teamId = await TeamIdAsync("Operations — Transactions") });
                return removed;
            }
            case "createTeam":
                return await Do("createTeam", "CreateTeamInput", new { name = $"Matrix Team {Guid.NewGuid():N}"[..24] });
            case "createProduct":
                return await Do("createProduct", "CreateProductInput", new { name = $"Matrix Fund {Guid.NewGuid():N}"[..24], category = "MUTUAL_FUND" });
            case "retireProduct":
            {
                var created = await Admin.MutateAsync(Mutation("createProduct", "CreateProductInput", "product { databaseId version }"), "createProduct",
                    new { name = $"Matrix Fund {Guid.NewGuid():N}"[..24], category = "BONDS" });
                return await Do("retireProduct", "RetireProductInput", new { id = created["product"]!.Long("databaseId"), version = created["product"]!.Long("version") });
            }
            case "setServiceLevel": // to the seeded target, so no other cell's due date moves
                return await Do("setServiceLevel", "SetServiceLevelInput", new { requestType = "OTHER", workingDays = 3 });
            case "addHoliday":
                return await Do("addHoliday", "AddHolidayInput", new { date = NextHoliday(), name = "Matrix Day" });
            case "removeHoliday":
            {
                var added = await Admin.MutateAsync(Mutation("addHoliday", "AddHolidayInput", "holiday { databaseId }"), "addHoliday",
                    new { date = NextHoliday(), name = "Matrix Day" });
                return await Do("removeHoliday", "RemoveHolidayInput", new { id = added["holiday"]!.Long("databaseId") });
            }
            case "read auditLog":
                return ("auditLog", await actor.SendAsync("{ auditLog(first: 1) { totalCount } }"));
            default:
                throw new InvalidOperationException($"docs/access.md names an operation this test does not know: {operation}");
        }
    }

    private static int _holidays;

    /// <summary>A date no other cell uses (holidays are one per date), far from any clock the tests run.</summary>
    private static string NextHoliday() =>
        new DateOnly(2100, 1, 1).AddDays(Interlocked.Increment(ref _holidays)).ToString("yyyy-MM-dd");

    /// <summary>An existing record: its ids, version, and (clients) PAN.</summary>
    private sealed record Rec(long Id, long Version, string Node, string? Pan = null);

    private Rec Target(Rec record)
    {
        _target = record.Node;
        return record;
    }

    private async Task<Rec> PriyasClientAsync(long priya)
    {
        var pan = NewPan();
        return Row((await Admin.MutateAsync(Mutation("createClient", "CreateClientInput", "client { id databaseId version }"), "createClient",
            new { name = "Matrix Client", pan, mobile = "9820022222", assignedRmId = priya }))["client"]!) with { Pan = pan };
    }

    /// <summary>
    /// A client of Priya's that the other personas reach only through work. With requests: one unassigned on the KYC
    /// desk (its head and executives see it, to pick up), plus queries assigned to Vikram and Amit (Delhi; his head sees
    /// it too), since RMs no longer reach other RMs' clients through requests. With queries: assigned to Vikram, Amit and
    /// Farhan (the KYC desk's head sees her team's work). Checks the actor really sees the client, so a refusal is not
    /// NOT_FOUND.
    /// </summary>
    private async Task<Rec> SeenThroughAsync(long priya, long amit, long farhan, GraphClient actor, bool requests)
    {
        var client = Target(await PriyasClientAsync(priya));
        var vikram = await Admin.UserIdAsync("vikram.singh@jlnb.in");
        if (requests) await RequestAsync(priya, null, client.Id);
        foreach (var worker in requests ? new[] { vikram, amit } : [vikram, amit, farhan])
            await QueryAsync(worker, priya, client.Id);
        Assert.True(await SeesAsync(actor, client.Node), "the persona should see the client through the work on it");
        return client;
    }

    private async Task<long> TeamIdAsync(string name) => (await Admin.DataAsync(
        "query($name: String!) { teams(first: 1, where: { name: { eq: $name } }) { edges { node { databaseId } } } }",
        new { name }))["teams"]!["edges"]![0]!["node"]!.Long("databaseId");

    /// <summary>The request moved on (by the admin) to <paramref name="status"/>.</summary>
    private async Task<Rec> MovedAsync(Rec request, string status) => Row((await Admin.MutateAsync(
        Mutation("moveServiceRequest", "MoveServiceRequestInput", "serviceRequest { id databaseId version }"), "moveServiceRequest",
        new { id = request.Id, version = request.Version, status }))["serviceRequest"]!);

    private async Task<Rec> PriyasLeadAsync(long obtainedBy, long product) => Row((await Admin.MutateAsync(
        Mutation("createLead", "CreateLeadInput", "lead { id databaseId version }"), "createLead",
        new { prospectName = "Matrix Prospect", modeOfCommunication = "CALL", productId = product, mobile = "9820011111", addAnyway = true, refObtainedById = obtainedBy }))["lead"]!);

    /// <summary>A reference obtained by Amit (Delhi) for Priya (Mumbai) to convert: both teams see it and own it.</summary>
    private async Task<Rec> AmitsLeadForPriyaAsync(long amit, long priya, long product)
    {
        var lead = await PriyasLeadAsync(amit, product);
        return Row((await Admin.MutateAsync(Mutation("assignConversionRm", "AssignConversionRmInput", "lead { id databaseId version }"),
            "assignConversionRm", new { id = lead.Id, version = lead.Version, rmId = priya }))["lead"]!);
    }

    /// <summary>A query on one of Priya's clients (a new one unless given), assigned to <paramref name="assignee"/>.</summary>
    private async Task<Rec> QueryAsync(long assignee, long priya, long? clientId = null) => Row((await Admin.MutateAsync(
        Mutation("openClientQuery", "OpenClientQueryInput", "clientQuery { id databaseId version }"), "openClientQuery",
        new { clientId = clientId ?? (await PriyasClientAsync(priya)).Id, details = "Statement missing", assignedRmId = assignee }))["clientQuery"]!);

    /// <summary>A service request on one of Priya's clients (a new one unless given), unassigned unless given an assignee.</summary>
    private async Task<Rec> RequestAsync(long priya, long? assignee, long? clientId = null) => Row((await Admin.MutateAsync(
        Mutation("createServiceRequest", "CreateServiceRequestInput", "serviceRequest { id databaseId version }"), "createServiceRequest",
        new { clientId = clientId ?? (await PriyasClientAsync(priya)).Id, type = "ADDRESS_CHANGE", details = "Moved house", assignedUserId = assignee }))["serviceRequest"]!);

    private static Rec Row(JsonNode node) => new(node.Long("databaseId"), node.Long("version"), node.Str("id")!);

    /// <summary>A household (created by the admin) headed by a new client of Priya's.</summary>
    private async Task<Rec> PriyasHouseholdAsync(long priya) => Row((await Admin.MutateAsync(
        Mutation("createHousehold", "CreateHouseholdInput", "household { id databaseId version }"), "createHousehold",
        new { name = "Matrix Family", headClientId = (await PriyasClientAsync(priya)).Id }))["household"]!);

    /// <summary>A valid PAN no other test uses: five letters, four digits, a letter.</summary>
    private static string NewPan()
    {
        const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var random = Random.Shared;
        var head = new string(Enumerable.Range(0, 5).Select(_ => letters[random.Next(26)]).ToArray());
        return head + random.Next(10000).ToString("D4") + letters[random.Next(26)];
    }
}

public sealed class PostgresOperationMatrixTests(PostgresGraphApp app) : OperationMatrixTests<PostgresGraphApp>(app);
public sealed class SqliteOperationMatrixTests(SqliteGraphApp app) : OperationMatrixTests<SqliteGraphApp>(app);

using Microsoft.AspNetCore.Http.HttpResults;
using RuleEngine.Benefits;
using RuleEngine.Benefits.Catalog;
using RuleEngine.Server.Errors;
using RuleEngine.Server.Rules;
using RuleEngine.Server.Security;
using RuleEngine.Storage;

namespace RuleEngine.Server.Benefits;

/// <summary>
/// The benefits catalog (analysts edit it, everyone reads it), members' benefits (everyone reads), and redemptions and
/// draws (ops, as the shop's integration, make them). Redemptions and draws are not under the per-key write limit:
/// the shop makes one per member action, and they are idempotent and atomic by themselves.
/// </summary>
public static class BenefitsApi
{
    public static IEndpointRouteBuilder MapBenefits(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/catalog").WithTags("Benefits").RequireAuthorization(Policies.ReadData);
        catalog.MapGet("/", GetCatalog).WithSummary("The benefits catalog in force: items, draw campaigns, coupon templates, tier entitlements, stock left");
        catalog.MapGet("/versions", Versions).WithSummary("Every version of the catalog file considered, newest first");
        var edits = app.MapGroup("/api/catalog").WithTags("Benefits").RequireAuthorization(Policies.WriteCatalog)
            .RequireRateLimiting(Limits.RateLimits.Writes);
        edits.MapPut("/", Save).WithSummary("Replace catalog.json (body: the JSON text); 200 when in force, 422 with diagnostics when refused (the last good stays)")
            .Accepts<string>("application/json", "text/plain")
            .Produces<CatalogSaveResult>().Produces<CatalogSaveResult>(StatusCodes.Status422UnprocessableEntity);
        edits.MapPost("/validate", Validate).WithSummary("Check a catalog draft and save nothing").Accepts<string>("application/json", "text/plain")
            .Produces<CatalogSaveResult>();

        var reads = app.MapGroup("/api/customers/{id}").WithTags("Benefits").RequireAuthorization(Policies.ReadData);
        reads.MapGet("/benefits", GetBenefits).WithSummary("A member's coupons (active, used, expired), draw chances left and tier entitlements");
        reads.MapGet("/redemptions", ListRedemptions).WithSummary("A member's redemptions, oldest first");
        reads.MapGet("/draws", ListDraws).WithSummary("A member's draws, oldest first");
        var shop = app.MapGroup("/api/customers/{id}").WithTags("Benefits").RequireAuthorization(Policies.Redeem);
        shop.MapPost("/redemptions", Redeem).WithSummary("Spend points on a catalog item, atomically; the same idempotencyKey again returns the same redemption");
        shop.MapPost("/draws", Draw).WithSummary("Spend a chance (or points) on a draw and get the prize; the same idempotencyKey again returns the same draw");
        return app;
    }

    static Ok<CatalogView> GetCatalog(BenefitCatalogKeeper keeper, IBenefitStore store) => TypedResults.Ok(CatalogView.Of(keeper.State, store));

    static Ok<List<CatalogVersionView>> Versions(BenefitCatalogKeeper keeper) =>
        TypedResults.Ok(keeper.Versions().Select(v => new CatalogVersionView(v.Hash, v.CreatedAt, v.Source, v.Actor, v.Good)).ToList());

    static async Task<IResult> Save(HttpRequest request, HttpContext http, BenefitCatalogKeeper keeper, CancellationToken cancellation)
    {
        var (text, problem) = await ScriptBody.ReadAsync(request, cancellation);
        if (problem is not null) return problem;
        var (state, activated) = await keeper.SaveAsync(text!, http.Actor(), cancellation);
        var result = new CatalogSaveResult(activated, state.Hash, activated ? null : state.LatestHash, state.Diagnostics);
        return activated ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    static async Task<IResult> Validate(HttpRequest request, CancellationToken cancellation)
    {
        var (text, problem) = await ScriptBody.ReadAsync(request, cancellation);
        if (problem is not null) return problem;
        var diagnostics = BenefitCatalogKeeper.Validate(text!);
        return TypedResults.Ok(new CatalogSaveResult(diagnostics.Count == 0, null, null, diagnostics));
    }

    static Results<Ok<BenefitsView>, ProblemHttpResult> GetBenefits(string id, BenefitsService benefits) =>
        benefits.For(id) is { } b ? TypedResults.Ok(BenefitsView.Of(id, b)) : CustomerNotFound(id);

    static Results<Ok<List<RedemptionView>>, ProblemHttpResult> ListRedemptions(string id, ICustomerStore customers, IBenefitStore store) =>
        customers.Find(id) is null ? CustomerNotFound(id) : TypedResults.Ok(store.RedemptionsFor(id).Select(r => RedemptionView.Of(r, store)).ToList());

    static Results<Ok<List<DrawView>>, ProblemHttpResult> ListDraws(string id, ICustomerStore customers, IBenefitStore store) =>
        customers.Find(id) is null ? CustomerNotFound(id) : TypedResults.Ok(store.DrawsFor(id).Select(d => DrawView.Of(d, store)).ToList());

    static async Task<Results<Created<RedemptionView>, Ok<RedemptionView>, ProblemHttpResult>> Redeem(
        string id, RedemptionRequest body, HttpContext http, BenefitsService benefits, IBenefitStore store, CancellationToken cancellation)
    {
        var result = await benefits.RedeemAsync(id, body.ItemId, body.IdempotencyKey, http.Actor(), cancellation);
        if (result.Value is not { } redemption) return Refused(result.Refusal!.Value, result.Detail!);
        var view = RedemptionView.Of(redemption, store);
        return result.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/customers/{Uri.EscapeDataString(id)}/redemptions/{view.Id}", view);
    }

    static async Task<Results<Created<DrawView>, Ok<DrawView>, ProblemHttpResult>> Draw(
        string id, DrawRequest body, HttpContext http, BenefitsService benefits, IBenefitStore store, CancellationToken cancellation)
    {
        var result = await benefits.DrawAsync(id, body.Campaign, body.IdempotencyKey, body.PayWithPoints ?? false, http.Actor(), cancellation);
        if (result.Value is not { } draw) return Refused(result.Refusal!.Value, result.Detail!);
        var view = DrawView.Of(draw, store);
        return result.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"/api/customers/{Uri.EscapeDataString(id)}/draws/{view.Id}", view);
    }

    /// <summary>409s carry a <c>reason</c> a shop's code can branch on (insufficient-points, out-of-stock, no-chance-left...).</summary>
    static ProblemHttpResult Refused(BenefitRefusal refusal, string detail) => refusal switch
    {
        BenefitRefusal.UnknownCustomer => Problems.Problem(StatusCodes.Status404NotFound, "Unknown customer", detail),
        BenefitRefusal.UnknownItem or BenefitRefusal.UnknownCampaign or BenefitRefusal.InvalidRequest => Problems.Problem(
            StatusCodes.Status400BadRequest, "Invalid request", detail, Reason(refusal)),
        _ => Problems.Problem(StatusCodes.Status409Conflict, refusal switch
        {
            BenefitRefusal.InsufficientPoints => "Not enough points",
            BenefitRefusal.OutOfStock => "Out of stock",
            BenefitRefusal.NoChanceLeft => "No draw chance left",
            BenefitRefusal.ChancesNotForSale => "Chances cannot be bought",
            _ => "Idempotency key already used",
        }, detail, Reason(refusal)),
    };

    static Dictionary<string, object?> Reason(BenefitRefusal refusal) =>
        new() { ["reason"] = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(refusal.ToString()) };

    static ProblemHttpResult CustomerNotFound(string id) => Problems.NotFound("customer", id);
}

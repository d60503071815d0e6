namespace RuleEngine.Domain;

/// <summary>What a rule is for; it decides which outcomes a reader expects from it.</summary>
public enum RuleKind { Segmentation, Reward, Followup }

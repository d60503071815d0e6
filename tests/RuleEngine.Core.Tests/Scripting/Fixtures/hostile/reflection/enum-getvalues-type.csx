// expect RE0010 line 3: System.Type
// kind: segmentation
var values = Enum.GetValues(typeof(DayOfWeek));

// expect runtime TimedOut
// kind: segmentation
while (true)
{
    try { while (true) { } } catch (Exception) when (true) { }
}

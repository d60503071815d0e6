// expect runtime TimedOut
// kind: segmentation
while (true)
{
    try { for (;;) { } } catch (Exception) { } catch { }
}

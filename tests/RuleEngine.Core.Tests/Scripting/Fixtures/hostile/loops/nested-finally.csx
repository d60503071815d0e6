// expect runtime TimedOut
// kind: segmentation
while (true)
{
    try { try { while (true) { } } finally { for (;;) { } } }
    catch { }
}

// Sets up the Jenkins the screenshots are taken in: two credentials, a freestyle job holding every
// build step and the backup action, and a Pipeline job that pushes to the S3 server at @ENDPOINT@.
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.SystemCredentialsProvider
import hudson.model.FreeStyleProject
import hudson.util.Secret
import io.encsync.jenkins.freestyle.*
import io.encsync.jenkins.settings.*
import io.encsync.jenkins.steps.*
import jenkins.model.Jenkins
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob

def j = Jenkins.get()
def store = SystemCredentialsProvider.getInstance()
store.getCredentials().clear()
store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, 'backup-passphrase',
        'Backup passphrase', Secret.fromString('correct horse battery staple, but longer')))
store.getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL, 'aws-backup',
        'AKIAEXAMPLEBACKUP01', 'example-secret-key', 'Backup bucket key'))
store.save()

j.getItem('nightly-backup')?.delete()
FreeStyleProject f = j.createProject(FreeStyleProject, 'nightly-backup')
def location = { String prefix ->
    def l = new S3Location('acme-ci-backups')
    l.setPrefix(prefix)
    l.setRegion('eu-west-1')
    l.setAwsCredentialsId('aws-backup')
    l
}
def crypt = { new CryptRemote('backup-passphrase') }
def push = new S3EncryptedPushStep('build/out', location('nightly'), crypt())
def pull = new S3EncryptedPullStep(location('nightly'), 'restored', crypt())
def provision = new ProvisionPrivateBucketStep(location(null))
provision.setCredentialsIdForNewKey('acme-ci-backups-key')
f.getBuildersList().add(new ProvisionPrivateBucketBuilder(provision))
f.getBuildersList().add(new EncryptDirBuilder(new EncryptDirStep('build/out', 'vault', crypt())))
f.getBuildersList().add(new DecryptDirBuilder(new DecryptDirStep('vault', 'check', crypt())))
f.getBuildersList().add(new S3EncryptedPushBuilder(push))
f.getBuildersList().add(new S3EncryptedPullBuilder(pull))
def backup = new S3EncryptedPushStep(null, location('artifacts/${JOB_NAME}'), crypt())
f.getPublishersList().add(new EncryptedBackupPublisher(backup))
f.save()

j.getItem('backup')?.delete()
WorkflowJob p = j.createProject(WorkflowJob, 'backup')
p.setDefinition(new CpsFlowDefinition('''node {
  writeFile file: 'build/out/report.html', text: '<h1>nightly report</h1>'
  writeFile file: 'build/out/app/app.jar', text: 'not really a jar'
  writeFile file: 'build/out/app/notes/README.txt', text: 'release notes'
  def r = s3EncryptedPush source: 'build/out', bucket: 'acme-ci-backups', prefix: 'nightly',
      region: 'us-east-1', endpoint: '@ENDPOINT@', pathStyle: true,
      awsCredentialsId: 'aws-backup', passwordCredentialsId: 'backup-passphrase'
  echo "transferred ${r.transferred} files, generation ${r.generation}"
}''', true))
p.save()
println 'set up'
